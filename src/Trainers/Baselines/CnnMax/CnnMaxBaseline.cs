using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.CnnMax;

/// <summary>The paper's CNN-max row of Table 2 (<see cref="CnnMaxNetwork"/>), trained with Adam on TorchSharp. Every task.</summary>
public sealed class CnnMaxBaseline : DeepBaseline<CnnMaxOptions>
{
    /// <param name="options">Dimensions and training (the paper's dimensions when null).</param>
    public CnnMaxBaseline(CnnMaxOptions? options = null)
        : base(options ?? new CnnMaxOptions())
    {
    }

    public override string Name => "cnn-max";

    protected override BaselineNetwork Build(DupnArchitecture architecture, DupnTask task) => new CnnMaxNetwork(architecture, task, Options);
}
