// ScoreOnly: the serving side of Dupn.MLNet. It references only Dupn.MLNet.Transforms (ML.NET and
// ONNX Runtime), so it runs where libtorch is absent: it loads a saved ML.NET pipeline whose DUPN
// user-embedding transform carries its ONNX graph inside the zip, featurises requests with the
// model's vocabularies, and prints each user's embedding.
//
// Usage: dotnet ScoreOnly.dll PIPELINE.zip FEATURIZER.json DATASET_DIR [ROWS]
//   (FEATURIZER.json is the featurizer.json of a `dupn train` model folder; the requests are the
//    dataset's ctr test rows, at most ROWS of them, default 3.)
//        dotnet ScoreOnly.dll --shop-pref N PIPELINE.zip FEATURIZER.json DATASET_DIR [ROWS]
//   (a shop-preference pipeline, e.g. RT on candidate-aware DUPN columns, whose histories hold N
//    behaviours: it prints each shop_pref test row's probability that the user prefers the shop.)
// Without arguments it only proves that ML.NET and ONNX Runtime load here.
//
// Expected output (numbers depend on the model):
//   ML.NET 6.0.0.0; ONNX Runtime 1.32.0
//   user u17 at 1702523100: 0.0123456, -0.234567, ... (364 floats)
//   shop s13 for user u0 at 1702523100: 0.8123   (with --shop-pref)
using System.Globalization;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Dupn.MLNet;

var mlContext = new MLContext(seed: 0);
Console.WriteLine($"ML.NET {typeof(MLContext).Assembly.GetName().Version}; ONNX Runtime {OrtEnv.Instance().GetVersionString()}");
if (args.Length == 0)
    return 0;
int? shopPrefHistory = null;
if (args[0] == "--shop-pref")
{
    shopPrefHistory = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 0;
    args = args[2..];
}
if (args.Length < 3 || shopPrefHistory <= 0)
{
    Console.Error.WriteLine("usage: ScoreOnly [--shop-pref N] PIPELINE.zip FEATURIZER.json DATASET_DIR [ROWS]");
    return 2;
}

ITransformer pipeline = mlContext.Model.Load(args[0], out _);
var featurizer = BehaviorFeaturizer.Load(args[1]);
var dataset = Dataset.Open(args[2]);
int count = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;

if (shopPrefHistory is { } n)
{
    // The same vocabularies, histories of N behaviours: what the pipeline was fitted on.
    var longer = featurizer.WithMaxHistory(n);
    var rows = longer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Test).Take(count).ToArray();
    var scored = pipeline.Transform(DupnShopPreferenceRows.Load(mlContext, longer, rows));
    var probabilities = scored.GetColumn<float>("Probability").ToArray();
    for (int i = 0; i < rows.Length; i++)
        Console.WriteLine($"shop {longer.Shop.IdAt(rows[i].TargetShop) ?? "(unknown)"} for user {rows[i].UserId} at {rows[i].Timestamp}: {probabilities[i].ToString("R", CultureInfo.InvariantCulture)}");
    return 0;
}

var requests = featurizer.Transform(dataset, DupnTask.Ctr, DatasetSplit.Test).Take(count).ToArray();
var sizes = featurizer.Architecture;
IDataView input = DupnPaddedRows.Load(mlContext, requests, sizes.MaxHistory, sizes.TagsPerBehavior, sizes.QueryTokens, sizes.ProfileVocabularies.Count);
var embeddings = pipeline.Transform(input).GetColumn<float[]>(DupnUserEmbeddingOptions.DefaultOutputColumnName).ToArray();
for (int i = 0; i < requests.Length; i++)
    Console.WriteLine($"user {requests[i].UserId} at {requests[i].Timestamp}: {string.Join(", ", embeddings[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");
return 0;
