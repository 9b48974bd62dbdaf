using System.Diagnostics;
using Dupn.MLNet.Export;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;

namespace Dupn.MLNet.Trainers.Transfer;

/// <summary>
/// RT with candidate-aware DUPN columns (issue #31): history -> the pre-trained count gate read at
/// the candidate shop (<see cref="DupnCandidateColumnsExporter"/>, ONNX) -> any ML.NET learner.
/// The fitted pipeline is one ML.NET zip with the graph inside; scoring needs no libtorch.
/// </summary>
public static class ShopPreferenceCandidateRt
{
    /// <summary>The candidate-columns graph of a model, its shop table learned from <paramref name="train"/>' histories.</summary>
    public static byte[] ExportGraph(DupnModel model, IEnumerable<FeaturizedRow> train)
    {
        ArgumentNullException.ThrowIfNull(model);
        return DupnCandidateColumnsExporter.ExportBytes(model.Architecture, model.Weights, ShopCatalog.Fit(model.Featurizer, train).CategoryOfShop);
    }

    /// <summary>
    /// The default learner: L-BFGS logistic regression on mean-variance normalised columns (on the
    /// demo's 1,352 rows it beat LightGbm, which overfits four columns; experiments/shop_pref).
    /// </summary>
    public static IEstimator<ITransformer> DefaultLearner(MLContext mlContext, string features) =>
        mlContext.Transforms.NormalizeMeanVariance("Features", features)
            .Append(mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(nameof(DupnShopCandidateRow.Label), "Features", l2Regularization: 1f));

    /// <summary>
    /// Fits history (N = <paramref name="historyLength"/>, the hand rule reads 100) -> candidate
    /// columns -> <paramref name="learner"/> (default <see cref="DefaultLearner"/>) on shop_pref.train
    /// and evaluates on shop_pref.test.
    /// </summary>
    public static (ITransformer Model, TransferResult Result, byte[] Graph) Fit(MLContext mlContext, DupnModel model, Dataset dataset,
        int historyLength = 100, Func<MLContext, string, IEstimator<ITransformer>>? learner = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        var clock = Stopwatch.StartNew();
        var featurizer = model.Featurizer.WithMaxHistory(historyLength);
        var trainRows = featurizer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Train);
        var testRows = featurizer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Test);
        byte[] graph = ExportGraph(model, trainRows);
        const string features = DupnCandidateColumnsCatalog.DefaultOutputColumnName;
        var pipeline = mlContext.Transforms.DupnCandidateColumns(graph, historyLength)
            .Append((learner ?? DefaultLearner)(mlContext, features));
        var fitted = pipeline.Fit(DupnShopCandidateRow.Load(mlContext, featurizer, trainRows));
        var test = DupnShopCandidateRow.Load(mlContext, featurizer, testRows);
        var metrics = mlContext.BinaryClassification.EvaluateNonCalibrated(fitted.Transform(test), nameof(DupnShopCandidateRow.Label));
        var taskMetrics = new TaskMetrics("shop_pref", testRows.Count) { Auc = metrics.AreaUnderRocCurve };
        return (fitted, new TransferResult("RT-candidate", taskMetrics, clock.Elapsed, []), graph);
    }
}
