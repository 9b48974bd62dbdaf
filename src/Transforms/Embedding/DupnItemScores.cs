namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>The item heads' outputs for K candidates; a head the model lacks is null.</summary>
public sealed class DupnItemScores
{
    internal DupnItemScores(IReadOnlyDictionary<string, float[]> outputs)
    {
        Ctr = outputs.GetValueOrDefault(DupnGraphNames.Ctr);
        L2r = outputs.GetValueOrDefault(DupnGraphNames.L2r);
        Follow = outputs.GetValueOrDefault(DupnGraphNames.Follow);
        ShopPref = outputs.GetValueOrDefault(DupnGraphNames.ShopPref);
    }

    /// <summary>CTR probability per candidate.</summary>
    public float[]? Ctr { get; }
    /// <summary>L2R score w(rep) . r + intercept per candidate.</summary>
    public float[]? L2r { get; }
    /// <summary>FOLLOW probability per candidate.</summary>
    public float[]? Follow { get; }
    /// <summary>SHOP_PREF probability per candidate.</summary>
    public float[]? ShopPref { get; }
}
