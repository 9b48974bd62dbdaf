using Dupn.MLNet.Trainers.Baselines.Deep;
using Dupn.MLNet.Trainers.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Baselines.WideDeep;

/// <summary>
/// Wide&amp;Deep: logit = wide(x) + deep(x). The wide part is a linear model over the Wide
/// baseline's hashed cross features (an <c>EmbeddingBag</c> sum of one weight per slot and output,
/// plus L2R's ranking features); the deep part is an MLP (1024-512-128 ReLU by default) over
/// [profile u ; query q ; mean of the history's [e_t ; p_t] ; candidate], then a linear output.
/// PPP gets 7 logits, the other tasks one.
/// </summary>
public sealed class WideDeepNetwork : BaselineNetwork
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly BehaviorEmbedding embeddings;
    private readonly EmbeddingBag wide;
    private readonly Linear? wide_ranking;
    private readonly MlpTower deep;
    private readonly Linear deep_out;
#pragma warning restore IDE1006
    private readonly int _outputs;

    public WideDeepNetwork(DupnArchitecture architecture, DupnTask task, WideDeepOptions options) : base("wide_deep", task)
    {
        _outputs = OutputsOf(task, architecture);
        embeddings = new BehaviorEmbedding(architecture);
        wide = nn.EmbeddingBag(1L << options.HashBits, _outputs, mode: EmbeddingBagMode.Sum);
        if (task == DupnTask.L2r)
            wide_ranking = nn.Linear(architecture.RankingFeatures, _outputs, hasBias: false);
        deep = new MlpTower("deep", BaselineInputs.UserSideDim(architecture) + BaselineInputs.CandidateDim(architecture, task),
            options.HiddenLayers, options.Dropout);
        deep_out = nn.Linear(deep.OutputDim, _outputs);
        RegisterComponents();
        // A linear model starts at zero, as the Wide baseline's does: a sum of a few hundred
        // unit-variance weights would start every logit far from the base rate.
        using (no_grad())
            wide.weight!.zero_();
    }

    public override Tensor forward(BaselineBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch.WideSlots, "batch.WideSlots");
        var inputs = batch.Inputs;
        var user = BaselineInputs.UserSide(embeddings, inputs);
        var candidate = BaselineInputs.Candidate(embeddings, Task, inputs);
        var x = candidate is null ? user : cat([user, candidate], -1);
        var logits = deep_out.call(deep.call(x)) + wide.call(batch.WideSlots, batch.WideOffsets, null);
        if (wide_ranking is not null)
            logits = logits + wide_ranking.call(inputs.RankingFeatures);
        return _outputs == 1 ? logits.squeeze(-1) : logits;
    }
}
