using System.Diagnostics;
using Dupn.MLNet.Data;
using Dupn.MLNet.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Featurization;
using Dupn.MLNet.Trainers.Dupn.Evaluation;
using Dupn.MLNet.Trainers.Model;
using Dupn.MLNet.Trainers.Transfer;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Cli.Workflows;

/// <summary>
/// The RT transfer protocol as an ML.NET user writes it: the frozen DUPN representation is a column
/// (<c>DupnUserEmbedding</c>, ONNX Runtime underneath) that feeds a standard ML.NET learner together
/// with the candidate shop. The fitted pipeline saves into one self-contained zip.
/// </summary>
public static class ShopPreferenceRt
{
    /// <summary>One shop-preference request: the padded history columns, the candidate shop and the label.</summary>
    public sealed class Row
    {
        public string UserId { get; set; } = "";
        public int[] HistoryItem { get; set; } = [];
        public int[] HistoryShop { get; set; } = [];
        public int[] HistoryBrand { get; set; } = [];
        public int[] HistoryCategory { get; set; } = [];
        public int[] HistoryTags { get; set; } = [];
        public int[] HistoryType { get; set; } = [];
        public int[] HistoryScene { get; set; } = [];
        public int[] HistoryTime { get; set; } = [];
        public float[] HistoryMask { get; set; } = [];
        public int[] Query { get; set; } = [];
        public int[] Profile { get; set; } = [];
        public string Shop { get; set; } = "";
        public bool Label { get; set; }
    }

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
        var test = Load(mlContext, model, dataset, DatasetSplit.Test);
        var pipeline = mlContext.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = model.ExportOnnx(DupnGraphKind.User) })
            .Append(mlContext.Transforms.Categorical.OneHotEncoding("ShopFeature", nameof(Row.Shop)))
            .Append(mlContext.Transforms.Concatenate("Features", DupnUserEmbeddingOptions.DefaultOutputColumnName, "ShopFeature"))
            .Append(mlContext.BinaryClassification.Trainers.LightGbm(nameof(Row.Label), "Features", numberOfIterations: 100));
        var fitted = pipeline.Fit(train);
        var metrics = mlContext.BinaryClassification.Evaluate(fitted.Transform(test), nameof(Row.Label));
        int rows = test.GetColumn<bool>(nameof(Row.Label)).Count();
        var taskMetrics = new TaskMetrics("shop_pref", rows) { Auc = metrics.AreaUnderRocCurve, LogLoss = metrics.LogLoss };
        return (fitted, new TransferResult("RT", taskMetrics, clock.Elapsed, []), test);
    }

    /// <summary>The shop_pref rows of one split as an IDataView of <see cref="Row"/>, padded to the model's N.</summary>
    public static IDataView Load(MLContext mlContext, DupnModel model, Dataset dataset, DatasetSplit split)
    {
        var rows = model.Featurizer.Transform(dataset, DatasetTask.ShopPref, split);
        return mlContext.Data.LoadFromEnumerable(rows.Select((row, i) => ToRow(model, row, i)), Schema(model));
    }

    /// <summary>
    /// The schema of <see cref="Row"/> with the vector sizes of the model (N, N·K, Q, P): ML.NET needs
    /// known sizes to feed ONNX, so pass it to CreatePredictionEngine too.
    /// </summary>
    public static SchemaDefinition Schema(DupnModel model)
    {
        var a = model.Architecture;
        var schema = SchemaDefinition.Create(typeof(Row));
        void Size(string column, PrimitiveDataViewType type, int size) => schema[column].ColumnType = new VectorDataViewType(type, size);
        foreach (string column in new[] { "HistoryItem", "HistoryShop", "HistoryBrand", "HistoryCategory", "HistoryType", "HistoryScene", "HistoryTime" })
            Size(column, NumberDataViewType.Int32, a.MaxHistory);
        Size("HistoryTags", NumberDataViewType.Int32, a.MaxHistory * a.TagsPerBehavior);
        Size("HistoryMask", NumberDataViewType.Single, a.MaxHistory);
        Size("Query", NumberDataViewType.Int32, a.QueryTokens);
        Size("Profile", NumberDataViewType.Int32, a.ProfileVocabularies.Count);
        return schema;
    }

    private static Row ToRow(DupnModel model, FeaturizedRow row, int index)
    {
        var a = model.Architecture;
        var padded = DupnPaddedRows.Pad(row, index, a.MaxHistory, a.TagsPerBehavior, a.QueryTokens, a.ProfileVocabularies.Count);
        return new Row
        {
            UserId = row.UserId, HistoryItem = padded.HistoryItem, HistoryShop = padded.HistoryShop, HistoryBrand = padded.HistoryBrand,
            HistoryCategory = padded.HistoryCategory, HistoryTags = padded.HistoryTags, HistoryType = padded.HistoryType,
            HistoryScene = padded.HistoryScene, HistoryTime = padded.HistoryTime, HistoryMask = padded.HistoryMask,
            Query = padded.Query, Profile = padded.Profile,
            Shop = model.Featurizer.Shop.IdAt(row.TargetShop) ?? "(unknown)",
            Label = row.Label > 0.5f,
        };
    }
}
