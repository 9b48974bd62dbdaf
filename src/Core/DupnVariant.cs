namespace Dupn.MLNet;

/// <summary>The paper's DUPN variants (Table 2): where the behaviour property p_t is used.</summary>
public enum DupnVariant
{
    /// <summary>Properties gate the LSTM and feed the attention (the paper's DUPN-all; default).</summary>
    All,
    /// <summary>No behaviour properties anywhere (DUPN-nobp).</summary>
    NoBp,
    /// <summary>Properties in the LSTM gates only (DUPN-bplstm).</summary>
    BpLstm,
    /// <summary>Properties in the attention only (DUPN-bpatt).</summary>
    BpAtt,
    /// <summary>DUPN-all with item embeddings pre-trained by skip-gram over the sequences and frozen (DUPN-w2v).</summary>
    W2v,
}

/// <summary>Where a variant uses the behaviour property, and its names.</summary>
public static class DupnVariantExtensions
{
    public static bool PropertyInLstm(this DupnVariant variant) => variant is DupnVariant.All or DupnVariant.BpLstm or DupnVariant.W2v;

    public static bool PropertyInAttention(this DupnVariant variant) => variant is DupnVariant.All or DupnVariant.BpAtt or DupnVariant.W2v;

    /// <summary>Whether the variant reads the property at all (every variant but nobp); the history's counts are then gated by it.</summary>
    public static bool UsesProperty(this DupnVariant variant) => variant.PropertyInLstm() || variant.PropertyInAttention();

    /// <summary>The short name of a variant: all, nobp, bplstm, bpatt or w2v.</summary>
    public static string ShortName(this DupnVariant variant) => variant.ToString().ToLowerInvariant();

    /// <summary>
    /// The name a trained model of the variant goes by in tables, metrics files and predictions:
    /// <c>dupn-all</c>, <c>dupn-nobp</c>, ..., with <c>-single</c> when trained on one task alone.
    /// </summary>
    public static string ModelName(this DupnVariant variant, bool singleTask = false) =>
        "dupn-" + variant.ShortName() + (singleTask ? "-single" : "");

    /// <summary>Parses a variant's short name (all, nobp, bplstm, bpatt, w2v; case-insensitive).</summary>
    public static DupnVariant ParseVariant(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "all" => DupnVariant.All,
            "nobp" => DupnVariant.NoBp,
            "bplstm" => DupnVariant.BpLstm,
            "bpatt" => DupnVariant.BpAtt,
            "w2v" => DupnVariant.W2v,
            _ => throw new ArgumentException($"Unknown variant '{name}'; expected all, nobp, bplstm, bpatt or w2v.", nameof(name)),
        };
    }
}
