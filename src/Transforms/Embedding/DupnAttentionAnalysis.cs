using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Reads the user tower's attention to explain what a model looks at: which behaviours one user's
/// history attends to under different queries, and how attention is spread over behaviour types
/// and time gaps across many users (the paper's attention findings, docs/paper.md section 6).
/// </summary>
public static class DupnAttentionAnalysis
{
    /// <summary>
    /// Attention of one history under each query: row q holds the weights of <paramref name="row"/>'s
    /// behaviours (oldest first) when its query is <paramref name="queries"/>[q].
    /// </summary>
    public static float[,] UnderQueries(DupnUserScorer scorer, FeaturizedRow row, IReadOnlyList<int[]> queries)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(row);
        var variants = queries.Select(q => WithQuery(row, q)).ToArray();
        var scores = scorer.Score(variants);
        var weights = new float[queries.Count, row.Length];
        for (int q = 0; q < queries.Count; q++)
        {
            var attention = scores.AttentionOf(q);
            for (int t = 0; t < row.Length; t++)
                weights[q, t] = attention[t];
        }
        return weights;
    }

    /// <summary>
    /// Mean attention by behaviour type x time-gap bucket over the valid steps of <paramref name="rows"/>,
    /// relative to uniform attention: a weight a_t of a history of length L counts as a_t·L, so 1 means
    /// "as much as the average behaviour" whatever the history length. Cells no behaviour falls in are NaN.
    /// Indices are those of the featurised rows (type and time tables; 0 padding, 1 unknown).
    /// </summary>
    public static double[,] RelativeAttentionByTypeAndTime(DupnUserScorer scorer, IEnumerable<FeaturizedRow> rows, int typeTableSize, int timeTableSize, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var sums = new double[typeTableSize, timeTableSize];
        var counts = new long[typeTableSize, timeTableSize];
        foreach (var batch in rows.Where(r => r.Length > 0).Chunk(batchSize))
        {
            var scores = scorer.Score(batch);
            for (int r = 0; r < batch.Length; r++)
            {
                var row = batch[r];
                var attention = scores.AttentionOf(r);
                for (int t = 0; t < row.Length; t++)
                {
                    int type = row.HistoryType[t], time = row.HistoryTime[t];
                    if (type >= typeTableSize || time >= timeTableSize)
                        throw new ArgumentException($"Row of user '{row.UserId}' has type {type} / time {time}, outside the tables ({typeTableSize} x {timeTableSize}).");
                    sums[type, time] += attention[t] * row.Length;
                    counts[type, time]++;
                }
            }
        }
        var mean = new double[typeTableSize, timeTableSize];
        for (int a = 0; a < typeTableSize; a++)
            for (int b = 0; b < timeTableSize; b++)
                mean[a, b] = counts[a, b] == 0 ? double.NaN : sums[a, b] / counts[a, b];
        return mean;
    }

    private static FeaturizedRow WithQuery(FeaturizedRow row, int[] query) => new()
    {
        UserId = row.UserId, Timestamp = row.Timestamp,
        HistoryItem = row.HistoryItem, HistoryShop = row.HistoryShop, HistoryBrand = row.HistoryBrand,
        HistoryCategory = row.HistoryCategory, HistoryTags = row.HistoryTags, HistoryType = row.HistoryType,
        HistoryScene = row.HistoryScene, HistoryTime = row.HistoryTime, Profile = row.Profile,
        Query = query,
    };
}
