using System.Diagnostics;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Trainers.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Trainers.Transfer;

/// <summary>
/// The RT transfer protocol as an ML.NET user writes it: the frozen DUPN representation is a column
/// (<c>DupnUserEmbedding</c>, ONNX Runtime underneath) that feeds a standard ML.NET learner together
/// with the candidate shop. The fitted pipeline saves into one self-contained zip. The representation
/// was trained without the candidate shop, so this learner has to find the preference in 364
/// dimensions plus a one-hot shop: about 0.6 AUC on the generated data. <see cref="ShopPreferenceCandidateRt"/>
/// has the RT learners that read DUPN at the candidate, and the store-preference baseline.
/// </summary>
public static class ShopPreferenceRt
{
    /// <summary>The protocol name of <see cref="Fit"/>'s result.</summary>
    public const string Protocol = "RT (rep + shop)";

    /// <summary>What the fitted pipeline predicts.</summary>
    public sealed class Prediction
    {
        public float Probability { get; set; }
    }

    /// <summary>Fits the RT pipeline on the shop_pref training rows and evaluates it on the test rows.</summary>
    public static (ITransformer Model, TransferResult Result, IDataView Test) Fit(MLContext mlContext, DupnModel model, Dataset dataset)
    {
        var clock = Stopwatch.StartNew();
        var train = Load(mlContext, model, dataset, DatasetSplit.Train);
        var testRows = model.Featurizer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Test);
        var test = Load(mlContext, model, testRows);
        var pipeline = mlContext.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = model.ExportOnnx(DupnGraphKind.User) })
            .Append(mlContext.Transforms.Categorical.OneHotEncoding("ShopFeature", nameof(DupnShopPreferenceRow.Shop)))
            .Append(mlContext.Transforms.Concatenate("Features", DupnUserEmbeddingOptions.DefaultOutputColumnName, "ShopFeature"))
            .Append(mlContext.BinaryClassification.Trainers.LightGbm(nameof(DupnShopPreferenceRow.Label), "Features", numberOfIterations: 100));
        var fitted = pipeline.Fit(train);
        var scored = fitted.Transform(test);
        var metrics = mlContext.BinaryClassification.Evaluate(scored, nameof(DupnShopPreferenceRow.Label));
        var taskMetrics = new TaskMetrics("shop_pref", testRows.Count) { Auc = metrics.AreaUnderRocCurve, LogLoss = metrics.LogLoss };
        return (fitted, new TransferResult(Protocol, taskMetrics, clock.Elapsed, [])
        {
            TestRows = testRows, Scores = scored.GetColumn<float>(nameof(Prediction.Probability)).ToArray(),
        }, test);
    }

    /// <summary>The shop_pref rows of one split as an IDataView of <see cref="DupnShopPreferenceRow"/>, padded to the model's N.</summary>
    public static IDataView Load(MLContext mlContext, DupnModel model, Dataset dataset, DatasetSplit split) =>
        Load(mlContext, model, model.Featurizer.Transform(dataset, DupnTask.ShopPref, split));

    private static IDataView Load(MLContext mlContext, DupnModel model, IReadOnlyList<Transforms.Featurization.FeaturizedRow> rows)
    {
        var a = model.Architecture;
        return mlContext.Data.LoadFromEnumerable(rows.Select((row, i) => DupnShopPreferenceRow.From(row, i, a.MaxHistory, a.TagsPerBehavior,
            a.QueryTokens, a.ProfileVocabularies.Count, model.Featurizer.Shop.IdAt(row.TargetShop) ?? "(unknown)")), Schema(model));
    }

    /// <summary>
    /// The schema of <see cref="DupnShopPreferenceRow"/> with the vector sizes of the model (N, N·K, Q, P):
    /// ML.NET needs known sizes to feed ONNX, so pass it to CreatePredictionEngine too.
    /// </summary>
    public static SchemaDefinition Schema(DupnModel model)
    {
        var a = model.Architecture;
        return DupnShopPreferenceRows.Schema(a.MaxHistory, a.TagsPerBehavior, a.QueryTokens, a.ProfileVocabularies.Count);
    }
}
