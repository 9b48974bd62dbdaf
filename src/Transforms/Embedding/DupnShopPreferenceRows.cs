using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// <see cref="DupnShopPreferenceRow"/>s as an <see cref="IDataView"/>: the schema with the padded
/// vector sizes (N history slots, N·K tags, Q query tokens, P profile columns), which ML.NET needs
/// to feed a fixed-size ONNX input, and a loader from featurised rows.
/// </summary>
public static class DupnShopPreferenceRows
{
    /// <summary>
    /// The schema of <see cref="DupnShopPreferenceRow"/> with known vector sizes; pass it to
    /// <c>LoadFromEnumerable</c> and to <c>CreatePredictionEngine</c> (its <c>inputSchemaDefinition</c>).
    /// </summary>
    public static SchemaDefinition Schema(int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns)
    {
        if (historyLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(historyLength), historyLength, "The history length N must be positive.");
        if (tagsPerBehavior <= 0)
            throw new ArgumentOutOfRangeException(nameof(tagsPerBehavior), tagsPerBehavior, "The tags per behaviour K must be positive.");
        if (queryTokens <= 0)
            throw new ArgumentOutOfRangeException(nameof(queryTokens), queryTokens, "The query tokens Q must be positive.");
        if (profileColumns < 0)
            throw new ArgumentOutOfRangeException(nameof(profileColumns), profileColumns, "The profile columns P must not be negative.");
        return DupnPaddedColumns.Size(SchemaDefinition.Create(typeof(DupnShopPreferenceRow)), historyLength, tagsPerBehavior, queryTokens, profileColumns);
    }

    /// <summary>The schema for the sizes of a fitted featuriser (its N, K, Q and profile columns).</summary>
    public static SchemaDefinition Schema(BehaviorFeaturizer featurizer)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        return Schema(featurizer.Options.MaxHistory, featurizer.Options.TagsPerBehavior, featurizer.Options.QueryTokens, featurizer.ProfileColumns.Count);
    }

    /// <summary>
    /// Featurised SHOP_PREF rows padded to <paramref name="featurizer"/>'s sizes, as an IDataView.
    /// <paramref name="shopText"/> turns a row into its candidate shop's text (default: the shop's id
    /// in the featuriser's vocabulary, "(unknown)" for an out-of-vocabulary shop).
    /// </summary>
    public static IDataView Load(MLContext mlContext, BehaviorFeaturizer featurizer, IEnumerable<FeaturizedRow> rows, Func<FeaturizedRow, string>? shopText = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(featurizer);
        ArgumentNullException.ThrowIfNull(rows);
        var o = featurizer.Options;
        int profiles = featurizer.ProfileColumns.Count;
        shopText ??= row => featurizer.Shop.IdAt(row.TargetShop) ?? "(unknown)";
        var padded = rows.Select((row, i) => DupnShopPreferenceRow.From(row, i, o.MaxHistory, o.TagsPerBehavior, o.QueryTokens, profiles, shopText(row)));
        return mlContext.Data.LoadFromEnumerable(padded, Schema(featurizer));
    }
}
