using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.CnnMax;

/// <summary>The paper's CNN-max row of Table 2 (<see cref="CnnMaxNetwork"/>), trained with Adam on TorchSharp. Every task.</summary>
public sealed class CnnMaxBaseline : IDupnBaseline
{
    private readonly CnnMaxOptions _options;

    /// <param name="options">Dimensions and training (the paper's dimensions when null).</param>
    public CnnMaxBaseline(CnnMaxOptions? options = null)
    {
        _options = options ?? new CnnMaxOptions();
        _options.Validate();
    }

    /// <summary>The paper's dimensions with a different seed, epoch count and thread count.</summary>
    public CnnMaxBaseline(int seed, int epochs, int threads = 0)
        : this(new CnnMaxOptions { Seed = seed, Epochs = epochs, Threads = threads })
    {
    }

    public string Name => "cnn-max";

    public bool Supports(DupnTask task) => Enum.IsDefined(task);

    public BaselinePredictions FitPredict(DupnTask task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test) =>
        DeepBaselineTrainer.FitPredict(_options, task, train, test, architecture => new CnnMaxNetwork(architecture, task, _options));
}
