namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Options of <c>mlContext.Transforms.DupnUserEmbedding</c>: which exported user graph to run, which
/// input columns feed its inputs, and which outputs to add.
/// </summary>
/// <remarks>
/// <para>History columns are fixed-size vectors of N = <see cref="HistoryLength"/> values (the tags
/// column N·K, behaviour-major), left-aligned: a user's L behaviours, oldest first, in slots 0..L-1,
/// and 0 in the rest; <see cref="HistoryMaskColumnName"/> holds 1 in the first L slots and 0 after.
/// Rows of different lengths therefore all have the same column size and the mask says how much is
/// real; the graph's own history dimension is dynamic, so the direct scorer
/// (<see cref="DupnUserScorer"/>) pads each batch only to its longest row instead.</para>
/// <para>Index columns may be any numeric type (Int32 and Int64 are usual); they are converted to
/// Int64 for the graph. The mask may be any numeric type and becomes Single.</para>
/// </remarks>
public sealed class DupnUserEmbeddingOptions
{
    /// <summary>The default name of the user-representation output column.</summary>
    public const string DefaultOutputColumnName = "UserEmbedding";
    /// <summary>The default name of the attention output column, when <see cref="AddAttention"/> is set.</summary>
    public const string DefaultAttentionColumnName = "AttentionWeights";
    /// <summary>The default name of the PPP output column, when <see cref="AddPpp"/> is set.</summary>
    public const string DefaultPppColumnName = "PppProbabilities";

    /// <summary>Path of an exported DUPN 'user' ONNX graph. Set this or <see cref="ModelBytes"/>.</summary>
    public string? ModelPath { get; set; }

    /// <summary>The bytes of an exported DUPN 'user' ONNX graph. Set this or <see cref="ModelPath"/>.</summary>
    public byte[]? ModelBytes { get; set; }

    /// <summary>N, the size of each history column. Default: the model's MaxHistory (its metadata).</summary>
    public int? HistoryLength { get; set; }

    public string HistoryItemColumnName { get; set; } = "HistoryItem";
    public string HistoryShopColumnName { get; set; } = "HistoryShop";
    public string HistoryBrandColumnName { get; set; } = "HistoryBrand";
    public string HistoryCategoryColumnName { get; set; } = "HistoryCategory";
    /// <summary>N·K tag indices, K per behaviour.</summary>
    public string HistoryTagsColumnName { get; set; } = "HistoryTags";
    /// <summary>Not read by nobp models (they take no behaviour property).</summary>
    public string HistoryTypeColumnName { get; set; } = "HistoryType";
    public string HistorySceneColumnName { get; set; } = "HistoryScene";
    public string HistoryTimeColumnName { get; set; } = "HistoryTime";
    /// <summary>1 for a real behaviour, 0 for padding; a prefix of ones.</summary>
    public string HistoryMaskColumnName { get; set; } = "HistoryMask";
    /// <summary>Q query-token indices, 0-padded.</summary>
    public string QueryColumnName { get; set; } = "Query";
    /// <summary>P profile indices; not read when the model has no profile column.</summary>
    public string ProfileColumnName { get; set; } = "Profile";

    /// <summary>The representation rep (Single[256] for the paper's rep; Single[364], [rep_s ; u ; q ; c], by the trainer's default). Default <see cref="DefaultOutputColumnName"/>.</summary>
    public string OutputColumnName { get; set; } = DefaultOutputColumnName;

    /// <summary>Also add the attention weights (Single[N], 0 on padding). Default false.</summary>
    public bool AddAttention { get; set; }
    public string AttentionColumnName { get; set; } = DefaultAttentionColumnName;

    /// <summary>Also add the PPP level probabilities (Single[7]). Default false; the model must have the PPP head.</summary>
    public bool AddPpp { get; set; }
    public string PppColumnName { get; set; } = DefaultPppColumnName;

    /// <summary>GPU device for ONNX Runtime; null (default) runs on the CPU.</summary>
    public int? GpuDeviceId { get; set; }

    /// <summary>Fall back to the CPU when the GPU cannot be used. Default false.</summary>
    public bool FallbackToCpu { get; set; }

    /// <summary>A copy of these options (every column name and switch) that runs <paramref name="graph"/> instead of a file.</summary>
    internal DupnUserEmbeddingOptions WithModel(byte[] graph)
    {
        var copy = (DupnUserEmbeddingOptions)MemberwiseClone();
        copy.ModelPath = null;
        copy.ModelBytes = graph;
        return copy;
    }
}
