using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.WideDeep;

/// <summary>
/// The paper's Wide&amp;Deep row of Table 2 (<see cref="WideDeepNetwork"/>) trained with Adam on
/// TorchSharp; the wide part sees the same hashed crosses as <see cref="WideBaseline"/>. Every task.
/// </summary>
public sealed class WideDeepBaseline : DeepBaseline<WideDeepOptions>
{
    /// <param name="options">Dimensions and training (the paper's dimensions when null).</param>
    public WideDeepBaseline(WideDeepOptions? options = null)
        : base(options ?? new WideDeepOptions())
    {
    }

    public override string Name => "wide-deep";

    protected override BaselineNetwork Build(DupnArchitecture architecture, DupnTask task) => new WideDeepNetwork(architecture, task, Options);

    protected override Func<FeaturizedRow, int[]> WideSlots(DupnTask task) =>
        row => FeatureHashing.Slots(WideFeatures.Tokens(task, row), Options.HashBits);
}
