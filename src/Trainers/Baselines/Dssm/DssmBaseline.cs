using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.Dssm;

/// <summary>
/// The paper's DSSM row of Table 2 (<see cref="DssmNetwork"/>), trained with Adam on TorchSharp.
/// Like the paper's, it has no answer for PPP (no candidate to compare the user with) nor for
/// L2R (its score is a learned function of the item's ranking-feature vector, not a similarity
/// between two towers): <see cref="Supports"/> is false for both.
/// </summary>
public sealed class DssmBaseline : DeepBaseline<DssmOptions>
{
    /// <param name="options">Dimensions and training (the paper's dimensions when null).</param>
    public DssmBaseline(DssmOptions? options = null)
        : base(options ?? new DssmOptions())
    {
    }

    public override string Name => "dssm";

    public override bool Supports(DupnTask task) => SupportsTask(task);

    internal static bool SupportsTask(DupnTask task) => task is DupnTask.Ctr or DupnTask.Follow or DupnTask.ShopPref;

    protected override string DisplayName => "DSSM";

    protected override string UnsupportedReason => "it scores a user against a candidate (CTR, FOLLOW, SHOP_PREF)";

    protected override BaselineNetwork Build(DupnArchitecture architecture, DupnTask task) => new DssmNetwork(architecture, task, Options);
}
