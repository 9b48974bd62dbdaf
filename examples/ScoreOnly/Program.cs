// ScoreOnly: the serving side of Dupn.MLNet. It references only Dupn.MLNet.Transforms (ML.NET and
// ONNX Runtime), so it runs where libtorch is absent: it loads ONE saved ML.NET pipeline over raw
// behaviour sequences (FeaturizeBehaviorSequence first, so the vocabularies are inside the zip, then
// DupnUserEmbedding and/or DupnCandidateColumns and a learner), builds requests from a dataset's raw
// ids, and prints what the pipeline computes for each.
//
// Usage: dotnet ScoreOnly.dll PIPELINE.zip DATASET_DIR [TASK] [ROWS]
//   The requests are the TASK test rows (ctr by default; shop_pref for a shop-preference pipeline),
//   at most ROWS of them (default 3). A pipeline with a UserEmbedding column prints each user's
//   embedding; one with a Probability column prints each row's probability.
// Without arguments it only proves that ML.NET and ONNX Runtime load here.
//
// Expected output (numbers depend on the model):
//   ML.NET 6.0.0.0; ONNX Runtime 1.32.0
//   user u17 at 1702523100: 0.0123456, -0.234567, ... (364 floats)
//   shop s13 for user u0 at 1702523100: 0.8123   (a pipeline with a Probability column)
using System.Globalization;
using Dupn.MLNet;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

var mlContext = new MLContext(seed: 0);
Console.WriteLine($"ML.NET {typeof(MLContext).Assembly.GetName().Version}; ONNX Runtime {OrtEnv.Instance().GetVersionString()}");
if (args.Length == 0)
    return 0;
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ScoreOnly PIPELINE.zip DATASET_DIR [TASK] [ROWS]");
    return 2;
}

ITransformer pipeline = mlContext.Model.Load(args[0], out var inputSchema);
var dataset = Dataset.Open(args[1]);
var task = args.Length > 2 ? DupnTaskNames.Parse(args[2]) : DupnTask.Ctr;
int count = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;

// The saved input schema says how the pipeline's rows are shaped (N, K, Q, P); the requests are raw ids.
var definition = BehaviorSequenceRow.SchemaDefinition(inputSchema);
int Size(string column) => ((VectorDataViewType)definition[column].ColumnType).Size;
int n = Size(nameof(BehaviorSequenceRow.HistoryItem)), k = Size(nameof(BehaviorSequenceRow.ItemTags)), q = Size(nameof(BehaviorSequenceRow.Query));
var requests = BehaviorSequenceRows.Create(dataset, BehaviorHistoryIndex.Build(dataset.Behaviors()), task, DatasetSplit.Test, n, k, q).Take(count).ToArray();
var scored = pipeline.Transform(mlContext.Data.LoadFromEnumerable(requests, definition));

if (scored.Schema.GetColumnOrNull("Probability") is not null)
{
    var probabilities = scored.GetColumn<float>("Probability").ToArray();
    for (int i = 0; i < requests.Length; i++)
        Console.WriteLine($"shop {requests[i].TargetShop} for user {requests[i].UserId} at {requests[i].Timestamp}: {probabilities[i].ToString("R", CultureInfo.InvariantCulture)}");
    return 0;
}
var embeddings = scored.GetColumn<float[]>(DupnUserEmbeddingOptions.DefaultOutputColumnName).ToArray();
for (int i = 0; i < requests.Length; i++)
    Console.WriteLine($"user {requests[i].UserId} at {requests[i].Timestamp}: {string.Join(", ", embeddings[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");
return 0;
