using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// The vector sizes of the padded user-side columns (N history slots, N·K tags, Q query tokens,
/// P profile columns), set on a row type's schema: ML.NET needs them to feed a fixed-size ONNX input.
/// Shared by every row type that carries a padded history (<see cref="DupnPaddedRow"/>,
/// <see cref="DupnShopPreferenceRow"/>).
/// </summary>
internal static class DupnPaddedColumns
{
    private static readonly string[] PerBehavior = ["HistoryItem", "HistoryShop", "HistoryBrand", "HistoryCategory", "HistoryType", "HistoryScene", "HistoryTime"];

    /// <summary>Sets the sizes of the padded columns of <paramref name="schema"/>; returns it.</summary>
    public static SchemaDefinition Size(SchemaDefinition schema, int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns)
    {
        void Set(string column, PrimitiveDataViewType item, int size) => schema[column].ColumnType = new VectorDataViewType(item, size);
        foreach (string column in PerBehavior)
            Set(column, NumberDataViewType.Int32, historyLength);
        Set("HistoryTags", NumberDataViewType.Int32, historyLength * tagsPerBehavior);
        Set("HistoryMask", NumberDataViewType.Single, historyLength);
        Set("Query", NumberDataViewType.Int32, queryTokens);
        Set("Profile", NumberDataViewType.Int32, profileColumns);
        return schema;
    }
}
