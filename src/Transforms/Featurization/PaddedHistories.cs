namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// The user side of a batch of featurised rows as flat, row-major arrays: histories left-aligned
/// (oldest first, valid steps first) and 0-padded to <see cref="Steps"/>, the mask 1 on the first L
/// steps of a row, the query padded to Q and the profile's P columns; ids widened to int64. The one
/// padding routine behind the trainer's tensors and the ONNX scorers' inputs. Rows are expected to be
/// checked by the caller (lengths consistent, at most Q query tokens, P profile columns).
/// </summary>
internal sealed class PaddedHistories
{
    public int Batch { get; private init; }
    /// <summary>T, the padded history length.</summary>
    public int Steps { get; private init; }
    public int TagsPerBehavior { get; private init; }
    public int QueryTokens { get; private init; }
    public int ProfileColumns { get; private init; }

    /// <summary>[B, T] each.</summary>
    public long[] Item { get; private init; } = [];
    public long[] Shop { get; private init; } = [];
    public long[] Brand { get; private init; } = [];
    public long[] Category { get; private init; } = [];
    public long[] Type { get; private init; } = [];
    public long[] Scene { get; private init; } = [];
    public long[] Time { get; private init; } = [];
    public float[] Mask { get; private init; } = [];
    /// <summary>[B, T, K].</summary>
    public long[] Tags { get; private init; } = [];
    /// <summary>[B, Q].</summary>
    public long[] Query { get; private init; } = [];
    /// <summary>[B, P].</summary>
    public long[] Profile { get; private init; } = [];

    /// <summary>
    /// Packs <paramref name="rows"/>, each repeated <paramref name="repeat"/> times in a row, padded to the
    /// longest history and to at least <paramref name="minSteps"/> steps.
    /// </summary>
    public static PaddedHistories Pack(IReadOnlyList<FeaturizedRow> rows, int tagsPerBehavior, int queryTokens, int profileColumns,
        int minSteps = 0, int repeat = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int k = tagsPerBehavior, q = queryTokens, p = profileColumns;
        int b = rows.Count * repeat;
        int t = minSteps;
        foreach (var row in rows)
            t = Math.Max(t, row.Length);
        var packed = new PaddedHistories
        {
            Batch = b, Steps = t, TagsPerBehavior = k, QueryTokens = q, ProfileColumns = p,
            Item = new long[b * t], Shop = new long[b * t], Brand = new long[b * t], Category = new long[b * t],
            Type = new long[b * t], Scene = new long[b * t], Time = new long[b * t], Mask = new float[b * t],
            Tags = new long[b * t * k], Query = new long[b * q], Profile = new long[b * p],
        };
        for (int i = 0; i < b; i++)
        {
            var row = rows[i / repeat];
            int o = i * t;
            for (int s = 0; s < row.Length; s++)
            {
                packed.Item[o + s] = row.HistoryItem[s];
                packed.Shop[o + s] = row.HistoryShop[s];
                packed.Brand[o + s] = row.HistoryBrand[s];
                packed.Category[o + s] = row.HistoryCategory[s];
                packed.Type[o + s] = row.HistoryType[s];
                packed.Scene[o + s] = row.HistoryScene[s];
                packed.Time[o + s] = row.HistoryTime[s];
                packed.Mask[o + s] = 1f;
            }
            for (int j = 0; j < row.HistoryTags.Length; j++)
                packed.Tags[o * k + j] = row.HistoryTags[j];
            for (int j = 0; j < row.Query.Length; j++)
                packed.Query[i * q + j] = row.Query[j];
            for (int j = 0; j < p; j++)
                packed.Profile[i * p + j] = row.Profile[j];
        }
        return packed;
    }
}
