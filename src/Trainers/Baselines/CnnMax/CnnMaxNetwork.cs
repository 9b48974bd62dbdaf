using Dupn.MLNet.Trainers.Baselines.Deep;
using Dupn.MLNet.Trainers.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Baselines.CnnMax;

/// <summary>
/// CNN-max: the history's e_t (the same item fields as DUPN's LSTM input, no behaviour property)
/// through 1-D convolutions of window sizes 1..10 with 64 kernels each, max-pooled over time
/// (<see cref="MaskedConvMaxPool"/>), concatenated with the profile u, the query q and the task's
/// candidate, then fully connected layers and the logit(s): 7 for PPP, one otherwise.
/// </summary>
public sealed class CnnMaxNetwork : BaselineNetwork
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly BehaviorEmbedding embeddings;
    private readonly MaskedConvMaxPool convs;
    private readonly MlpTower fc;
    private readonly Linear @out;
#pragma warning restore IDE1006
    private readonly int _outputs;

    public CnnMaxNetwork(DupnArchitecture architecture, DupnTask task, CnnMaxOptions options) : base("cnn_max", task)
    {
        _outputs = OutputsOf(task, architecture);
        embeddings = new BehaviorEmbedding(architecture);
        convs = new MaskedConvMaxPool("convs", architecture.ItemFeatureDim, options.WindowSizes, options.Kernels);
        long inputs = convs.OutputDim + architecture.ProfileDim + architecture.QueryDim + BaselineInputs.CandidateDim(architecture, task);
        fc = new MlpTower("fc", inputs, options.HiddenLayers, options.Dropout);
        @out = nn.Linear(fc.OutputDim, _outputs);
        RegisterComponents();
    }

    public override Tensor forward(BaselineBatch batch)
    {
        var inputs = batch.Inputs;
        var pooled = convs.call(BaselineInputs.HistoryItems(embeddings, inputs), inputs.HistMask);
        var parts = new List<Tensor> { pooled, embeddings.Profile(inputs.Profile), embeddings.Query(inputs.Query) };
        if (BaselineInputs.Candidate(embeddings, Task, inputs) is { } candidate)
            parts.Add(candidate);
        var logits = @out.call(fc.call(cat(parts, -1)));
        return _outputs == 1 ? logits.squeeze(-1) : logits;
    }
}
