using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.Dssm;

/// <summary>
/// The paper's DSSM row of Table 2 (<see cref="DssmNetwork"/>), trained with Adam on TorchSharp.
/// Like the paper's, it has no answer for PPP (no candidate to compare the user with) nor for
/// L2R (its score is a learned function of the item's ranking-feature vector, not a similarity
/// between two towers): <see cref="Supports"/> is false for both.
/// </summary>
public sealed class DssmBaseline : IDupnBaseline
{
    private readonly DssmOptions _options;

    /// <param name="options">Dimensions and training (the paper's dimensions when null).</param>
    public DssmBaseline(DssmOptions? options = null)
    {
        _options = options ?? new DssmOptions();
        _options.Validate();
    }

    /// <summary>The paper's dimensions with a different seed, epoch count and thread count.</summary>
    public DssmBaseline(int seed, int epochs, int threads = 0)
        : this(new DssmOptions { Seed = seed, Epochs = epochs, Threads = threads })
    {
    }

    public string Name => "dssm";

    public bool Supports(DupnTask task) => SupportsTask(task);

    internal static bool SupportsTask(DupnTask task) => task is DupnTask.Ctr or DupnTask.Follow or DupnTask.ShopPref;

    public BaselinePredictions FitPredict(DupnTask task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test)
    {
        if (!SupportsTask(task))
            throw new ArgumentException($"DSSM does not support {task}: it scores a user against a candidate (CTR, FOLLOW, SHOP_PREF); check Supports(task) first.", nameof(task));
        return DeepBaselineTrainer.FitPredict(_options, task, train, test, architecture => new DssmNetwork(architecture, task, _options));
    }
}
