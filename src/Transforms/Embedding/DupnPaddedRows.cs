using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Turns featurised rows of different history lengths into an <see cref="IDataView"/> of fixed-size
/// columns for <c>DupnUserEmbedding</c>: how variable-length histories meet ML.NET's fixed-size
/// vectors (and ONNX Runtime's one-row-per-call scoring inside OnnxTransformer).
/// </summary>
public static class DupnPaddedRows
{
    /// <summary>
    /// Pads each row to N = <paramref name="historyLength"/> (tags N·<paramref name="tagsPerBehavior"/>),
    /// the query to <paramref name="queryTokens"/>, with the mask; a row that does not fit is named in the error.
    /// </summary>
    public static IDataView Load(MLContext mlContext, IEnumerable<FeaturizedRow> rows, int historyLength, int tagsPerBehavior = 4, int queryTokens = 8, int profileColumns = 0)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(rows);
        int n = historyLength, k = tagsPerBehavior, q = queryTokens, p = profileColumns;
        var schema = DupnPaddedColumns.Size(SchemaDefinition.Create(typeof(DupnPaddedRow)), n, k, q, p);
        return mlContext.Data.LoadFromEnumerable(rows.Select((row, index) => Pad(row, index, n, k, q, p)), schema);
    }

    /// <summary>One row padded (checked like the direct scorers check it).</summary>
    public static DupnPaddedRow Pad(FeaturizedRow row, int index, int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns) =>
        PadInto(new DupnPaddedRow(), row, index, historyLength, tagsPerBehavior, queryTokens, profileColumns);

    /// <summary>Fills the padded user-side columns of <paramref name="target"/> from <paramref name="row"/>; returns <paramref name="target"/>.</summary>
    internal static T PadInto<T>(T target, FeaturizedRow row, int index, int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns)
        where T : DupnPaddedRow
    {
        ArgumentNullException.ThrowIfNull(row);
        DupnTensorPacker.Check(row, index, historyLength, tagsPerBehavior, queryTokens, profileColumns);
        int n = historyLength;
        int[] Fit(int[] values, int size)
        {
            var padded = new int[size];
            values.CopyTo(padded, 0);
            return padded;
        }
        var mask = new float[n];
        Array.Fill(mask, 1f, 0, row.Length);
        target.UserId = row.UserId;
        target.HistoryItem = Fit(row.HistoryItem, n);
        target.HistoryShop = Fit(row.HistoryShop, n);
        target.HistoryBrand = Fit(row.HistoryBrand, n);
        target.HistoryCategory = Fit(row.HistoryCategory, n);
        target.HistoryTags = Fit(row.HistoryTags, n * tagsPerBehavior);
        target.HistoryType = Fit(row.HistoryType, n);
        target.HistoryScene = Fit(row.HistoryScene, n);
        target.HistoryTime = Fit(row.HistoryTime, n);
        target.HistoryMask = mask;
        target.Query = Fit(row.Query, queryTokens);
        target.Profile = Fit(row.Profile, profileColumns);
        return target;
    }
}
