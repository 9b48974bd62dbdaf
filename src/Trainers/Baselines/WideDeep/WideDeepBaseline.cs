using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.WideDeep;

/// <summary>
/// The paper's Wide&amp;Deep row of Table 2 (<see cref="WideDeepNetwork"/>) trained with Adam on
/// TorchSharp; the wide part sees the same hashed crosses as <see cref="WideBaseline"/>. Every task.
/// </summary>
public sealed class WideDeepBaseline : IDupnBaseline
{
    private readonly WideDeepOptions _options;

    /// <param name="options">Dimensions and training (the paper's dimensions when null).</param>
    public WideDeepBaseline(WideDeepOptions? options = null)
    {
        _options = options ?? new WideDeepOptions();
        _options.Validate();
    }

    /// <summary>The paper's dimensions with a different seed, epoch count and thread count.</summary>
    public WideDeepBaseline(int seed, int epochs, int threads = 0)
        : this(new WideDeepOptions { Seed = seed, Epochs = epochs, Threads = threads })
    {
    }

    public string Name => "wide-deep";

    public bool Supports(DupnTask task) => Enum.IsDefined(task);

    public BaselinePredictions FitPredict(DupnTask task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test) =>
        DeepBaselineTrainer.FitPredict(_options, task, train, test,
            architecture => new WideDeepNetwork(architecture, task, _options),
            row => FeatureHashing.Slots(WideFeatures.Tokens(task, row), _options.HashBits));
}
