// Quickstart: DUPN's user representation in an ordinary ML.NET pipeline, from raw behaviour histories.
//
// What it shows (the paper's RT transfer protocol, docs/paper.md section 6, with candidate columns):
//   1. generate a small Taobao-like dataset (TaobaoLikeGenerator),
//   2. pre-train DUPN on its four tasks (CTR, L2R, PPP, FOLLOW) with DupnModelTrainer,
//   3. build ONE ML.NET pipeline on the held-out SHOP_PREF task, raw ids in:
//        FeaturizeBehaviorSequence (the model's vocabularies; indices + history mask)
//        -> DupnUserEmbedding (rep, Single[364], frozen) -> DupnCandidateColumns (user x candidate shop)
//        -> NormalizeMeanVariance -> LbfgsLogisticRegression, on rep + the columns and on the columns alone,
//   4. print the test AUCs, save the fitted pipeline as one zip, load it back (DupnModelZip.Load) and
//      score one raw request.
//
// Run: dotnet run --project examples/Quickstart
//
// Expected output (AUCs and probability are deterministic, seconds are not):
//   Generated 200 users, 16654 behaviours in 0.1s
//   Trained DUPN (ctr, l2r, ppp, follow) for 2 epochs in 15.8s
//   SHOP_PREF test rows: 173, AUC 0.656 (DUPN rep + candidate columns, LbfgsLogisticRegression; fitted in 3.1s)
//   SHOP_PREF test rows: 173, AUC 0.807 (DUPN candidate columns, LbfgsLogisticRegression; fitted in 1.6s)
//   Saved the pipeline to /tmp/dupn-quickstart-26035/shop-pref-model.zip
//   User u2 and shop s109: probability 0.872 (label 1)
// The candidate columns carry the (user, shop) interaction; rep, 364 more columns, is noise to a linear
// learner on 200 users (the representation alone does not transfer yet: README's results).
// examples/StorePreference compares the ways to transfer rep.
using System.Diagnostics;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers;
using Dupn.MLNet.Trainers.Transfer;
using Microsoft.ML;
using Microsoft.ML.Data;
using Dupn.MLNet;

string work = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), $"dupn-quickstart-{Environment.ProcessId}");
Directory.CreateDirectory(work);
var clock = Stopwatch.StartNew();

// 1. A small dataset: 200 users (the generator's default is 1,000) so the example runs in seconds.
string dataFolder = Path.Combine(work, "data");
var summary = TaobaoLikeGenerator.Generate(dataFolder, new TaobaoLikeGeneratorOptions { Users = 200, Seed = 7 });
Console.WriteLine($"Generated {summary.Users} users, {summary.Behaviors} behaviours in {clock.Elapsed.TotalSeconds:F1}s");
var dataset = Dataset.Open(dataFolder);

// 2. Pre-train DUPN. The defaults are MaxHistory 100 (the paper's N), 3 epochs, AdaGrad lr 1e-2,
//    batch 128; a shorter history and 2 epochs keep this under a minute on 2 cores.
//    Threads = 1 is fastest for a model this small on a busy machine (DupnTrainerOptions.Threads).
var mlContext = new MLContext(seed: 0);
var options = new DupnModelTrainingOptions
{
    Featurizer = new BehaviorFeaturizerOptions { MaxHistory = 20 },
    Trainer = new DupnTrainerOptions { Epochs = 2, Threads = 1, UseCuda = false },
};
clock.Restart();
var run = DupnModelTrainer.Train(mlContext, dataset, options);
var model = run.Model;
Console.WriteLine($"Trained DUPN ({string.Join(", ", model.Architecture.Tasks).ToLowerInvariant()}) for {options.Trainer.Epochs} epochs in {clock.Elapsed.TotalSeconds:F1}s");

// 3. One pipeline from raw SHOP_PREF rows (ids as strings, histories padded to N) to a learner.
//    Its graphs score on ONNX Runtime only, no libtorch.
//    The model was trained on 20 behaviours; its graphs read any history length, and shop preference
//    wants the longer one (the last 100 behaviours, as the store-preference baseline reads).
const int n = 100;
var featurizer = model.Featurizer.WithMaxHistory(n);
var train = mlContext.Data.LoadBehaviorSequences(dataset, DupnTask.ShopPref, DatasetSplit.Train, featurizer.Options);
var test = mlContext.Data.LoadBehaviorSequences(dataset, DupnTask.ShopPref, DatasetSplit.Test, featurizer.Options);
byte[] userGraph = model.ExportOnnx(DupnGraphKind.User);
byte[] candidateGraph = ShopPreferenceCandidateRt.ExportGraph(model, featurizer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Train));
IEstimator<ITransformer> Pipeline(params string[] features) => mlContext.Transforms.FeaturizeBehaviorSequence(featurizer)
    .Append(mlContext.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = userGraph, HistoryLength = n }))
    .Append(mlContext.Transforms.DupnCandidateColumns(candidateGraph, n))
    .Append(mlContext.Transforms.Concatenate("Features", features))
    .Append(mlContext.Transforms.NormalizeMeanVariance("Features")) // a linear learner wants its columns on one scale
    .Append(mlContext.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Boolean))
    .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(l2Regularization: 1f));
long testRows = mlContext.Data.CreateEnumerable<BehaviorSequenceRow>(test, reuseRowObject: true).LongCount();
ITransformer fitted = null!;
foreach (var (name, features) in new[] { ("rep + candidate columns", new[] { "CandidateColumns", "UserEmbedding" }), ("candidate columns", new[] { "CandidateColumns" }) })
{
    clock.Restart();
    fitted = Pipeline(features).Fit(train);
    var metrics = mlContext.BinaryClassification.Evaluate(fitted.Transform(test));
    Console.WriteLine($"SHOP_PREF test rows: {testRows}, AUC {metrics.AreaUnderRocCurve:F3} (DUPN {name}, LbfgsLogisticRegression; fitted in {clock.Elapsed.TotalSeconds:F1}s)");
}

// 4. Save the last fitted pipeline (vocabularies and ONNX graphs travel inside the zip), load it
//    as a serving app would, and score one request given as raw ids.
string zip = Path.Combine(work, "shop-pref-model.zip");
mlContext.Model.Save(fitted, train.Schema, zip);
Console.WriteLine($"Saved the pipeline to {zip}");
var loaded = DupnModelZip.Load(mlContext, zip, out var inputSchema);
var one = mlContext.Data.CreateEnumerable<BehaviorSequenceRow>(test, reuseRowObject: false).First();
var engine = mlContext.Model.CreatePredictionEngine<BehaviorSequenceRow, ShopPrefPrediction>(loaded,
    inputSchemaDefinition: BehaviorSequenceRow.SchemaDefinition(inputSchema));
var prediction = engine.Predict(one);
Console.WriteLine($"User {one.UserId} and shop {one.TargetShop}: probability {prediction.Probability:F3} (label {one.Label})");

if (args.Length == 0)
    Directory.Delete(work, recursive: true);
