
namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// Multiply-adds of the DUPN network counted from its architecture (BENCHMARKS.md states the
/// formula). Embedding lookups are gathers and count nothing; element-wise work (gates,
/// softmax, masks) is left out as it is not multiply-add bound. One sample with T padded steps:
/// <list type="bullet">
/// <item>LSTM: T·(E·4H + Pp·3H + H·4H), E = item feature dim, Pp = property dim (0 when the variant keeps it out of the LSTM)</item>
/// <item>attention MLP: T·((Q + Pa + H + U)·A1 + A1·A2 + A2) + T·H for the weighted sum, Pa = property dim in attention</item>
/// <item>CTR head: E·D (item tower) + (H + U + D)·Hh + Hh·Hh + Hh</item>
/// </list>
/// A training step costs 3 forward passes (backward ≈ 2 forwards) and 2 FLOPs per multiply-add.
/// </summary>
public static class DupnFlopCount
{
    /// <summary>Forward multiply-adds of the user tower for one sample with <paramref name="steps"/> padded steps.</summary>
    public static double UserTowerMacs(DupnArchitecture a, int steps)
    {
        ArgumentNullException.ThrowIfNull(a);
        double e = a.ItemFeatureDim, h = a.Hidden, u = a.ProfileDim, q = a.QueryDim;
        double pLstm = a.Variant.PropertyInLstm() ? a.PropertyDim : 0;
        double pAtt = a.Variant.PropertyInAttention() ? a.PropertyDim : 0;
        double lstm = e * 4 * h + pLstm * 3 * h + h * 4 * h;
        double attention = (q + pAtt + h + u) * a.AttentionHidden1 + a.AttentionHidden1 * a.AttentionHidden2 + a.AttentionHidden2 + h;
        return steps * (lstm + attention);
    }

    /// <summary>Forward multiply-adds of the CTR head (item tower plus its MLP) for one sample.</summary>
    public static double CtrHeadMacs(DupnArchitecture a)
    {
        ArgumentNullException.ThrowIfNull(a);
        double hh = a.HeadHidden;
        return (double)a.ItemFeatureDim * a.ItemTowerDim + (a.RepresentationDim + (double)a.ItemTowerDim) * hh + hh * hh + hh;
    }

    /// <summary>FLOPs of one training step (forward + backward) of the CTR task for one sample.</summary>
    public static double TrainingFlopsPerSample(DupnArchitecture a, int steps) => 2.0 * 3.0 * (UserTowerMacs(a, steps) + CtrHeadMacs(a));
}
