using Dupn.MLNet.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Embedding;

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
    public static DupnPaddedRow Pad(FeaturizedRow row, int index, int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns)
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
        return new DupnPaddedRow
        {
            UserId = row.UserId,
            HistoryItem = Fit(row.HistoryItem, n), HistoryShop = Fit(row.HistoryShop, n), HistoryBrand = Fit(row.HistoryBrand, n),
            HistoryCategory = Fit(row.HistoryCategory, n), HistoryTags = Fit(row.HistoryTags, n * tagsPerBehavior),
            HistoryType = Fit(row.HistoryType, n), HistoryScene = Fit(row.HistoryScene, n), HistoryTime = Fit(row.HistoryTime, n),
            HistoryMask = mask, Query = Fit(row.Query, queryTokens), Profile = Fit(row.Profile, profileColumns),
        };
    }
}
