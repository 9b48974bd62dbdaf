using Dupn.MLNet.Transforms.Embedding;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// The input columns the fitted embedding transform will read, checked before training (the ONNX
/// transform checks them again against the graph it gets), and the transform's options once the
/// graph exists.
/// </summary>
internal static class EmbeddingInputColumns
{
    /// <summary>Each column exists, is a known-size vector of numbers, and has the size the plan implies where it is known.</summary>
    public static void Check(DataViewSchema schema, DupnUserEmbeddingOptions o, EmbeddingTrainingPlan plan)
    {
        var f = plan.Featurizer;
        int n = o.HistoryLength ?? f.MaxHistory;
        foreach (var (option, column, _) in Expected(o, plan.Variant))
        {
            int? size = option switch
            {
                nameof(o.HistoryTagsColumnName) => n * f.TagsPerBehavior,
                nameof(o.QueryColumnName) => f.QueryTokens,
                nameof(o.ProfileColumnName) => plan.ProfileColumns,
                _ => n,
            };
            if (option == nameof(o.ProfileColumnName) && size is null or 0)
                continue; // no profile input in the graph (or not known until the featuriser is fitted: the ONNX transform checks it then)
            var col = schema.GetColumnOrNull(column)
                ?? throw new ArgumentException($"DupnUserEmbedding: the input has no column '{column}' (DupnUserEmbeddingTrainingOptions.Embedding.{option}).", nameof(schema));
            if (col.Type is not VectorDataViewType vector || !vector.IsKnownSize || vector.Size != size)
                throw new ArgumentException($"DupnUserEmbedding: column '{column}' (DupnUserEmbeddingTrainingOptions.Embedding.{option}) must be a vector of exactly {size} values; it is {col.Type}." +
                    (option.StartsWith("History", StringComparison.Ordinal) ? $" Pad every history to N = {n} (left-aligned, 0 after the last behaviour) and give the mask." : ""), nameof(schema));
            if (vector.ItemType is not (NumberDataViewType or KeyDataViewType or BooleanDataViewType))
                throw new ArgumentException($"DupnUserEmbedding: column '{column}' (DupnUserEmbeddingTrainingOptions.Embedding.{option}) must hold numbers; it holds {vector.ItemType}.", nameof(schema));
        }
    }

    /// <summary>The columns exist and are fixed-size vectors (all a <see cref="SchemaShape"/> can say). The profile column is optional here.</summary>
    public static void Check(SchemaShape shape, DupnUserEmbeddingOptions o, DupnVariant variant)
    {
        foreach (var (option, column, required) in Expected(o, variant))
        {
            var col = shape.FirstOrDefault(c => c.Name == column);
            if (col.Name is null)
            {
                if (!required)
                    continue;
                throw new ArgumentException($"DupnUserEmbedding: the input has no column '{column}' (DupnUserEmbeddingTrainingOptions.Embedding.{option}).", nameof(shape));
            }
            if (col.Kind != SchemaShape.Column.VectorKind.Vector)
                throw new ArgumentException($"DupnUserEmbedding: column '{column}' (DupnUserEmbeddingTrainingOptions.Embedding.{option}) must be a fixed-size vector; it is {col.Kind}.", nameof(shape));
        }
    }
    // (option property, column name, required before the featuriser is known)
    private static IEnumerable<(string Option, string Column, bool Required)> Expected(DupnUserEmbeddingOptions o, DupnVariant variant)
    {
        yield return (nameof(o.HistoryItemColumnName), o.HistoryItemColumnName, true);
        yield return (nameof(o.HistoryShopColumnName), o.HistoryShopColumnName, true);
        yield return (nameof(o.HistoryBrandColumnName), o.HistoryBrandColumnName, true);
        yield return (nameof(o.HistoryCategoryColumnName), o.HistoryCategoryColumnName, true);
        yield return (nameof(o.HistoryTagsColumnName), o.HistoryTagsColumnName, true);
        if (variant != DupnVariant.NoBp)
        {
            yield return (nameof(o.HistoryTypeColumnName), o.HistoryTypeColumnName, true);
            yield return (nameof(o.HistorySceneColumnName), o.HistorySceneColumnName, true);
            yield return (nameof(o.HistoryTimeColumnName), o.HistoryTimeColumnName, true);
        }
        yield return (nameof(o.HistoryMaskColumnName), o.HistoryMaskColumnName, true);
        yield return (nameof(o.QueryColumnName), o.QueryColumnName, true);
        yield return (nameof(o.ProfileColumnName), o.ProfileColumnName, false);
    }
}
