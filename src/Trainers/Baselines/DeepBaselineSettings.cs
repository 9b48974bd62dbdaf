using Dupn.MLNet.Trainers.Baselines.CnnMax;
using Dupn.MLNet.Trainers.Baselines.Deep;
using Dupn.MLNet.Trainers.Baselines.Dssm;
using Dupn.MLNet.Trainers.Baselines.WideDeep;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>How the TorchSharp baselines are built (Wide&amp;Deep, DSSM, CNN-max).</summary>
/// <param name="Seed">Seed of initialisation, shuffling and dropout.</param>
/// <param name="Epochs">Training epochs of each deep baseline.</param>
/// <param name="Threads">libtorch CPU threads (0 = one per core).</param>
/// <param name="Compact">The compact configurations (quarter-size embeddings, smaller layers) instead of the paper's dimensions.</param>
/// <param name="LearningRate">Adam's learning rate (null: the options' documented default).</param>
public sealed record DeepBaselineSettings(int Seed = 1, int Epochs = 3, int Threads = 0, bool Compact = false, double? LearningRate = null)
{
    /// <summary>The three deep baselines, in Table 2's order.</summary>
    public IReadOnlyList<IDupnBaseline> Create() =>
    [
        new WideDeepBaseline(Apply(Compact ? WideDeepOptions.Compact() : new WideDeepOptions())),
        new DssmBaseline(Apply(Compact ? DssmOptions.Compact() : new DssmOptions())),
        new CnnMaxBaseline(Apply(Compact ? CnnMaxOptions.Compact() : new CnnMaxOptions())),
    ];

    private T Apply<T>(T options) where T : DeepBaselineOptions
    {
        options.Seed = Seed;
        options.Epochs = Epochs;
        options.Threads = Threads;
        if (LearningRate is { } rate)
            options.LearningRate = rate;
        return options;
    }
}
