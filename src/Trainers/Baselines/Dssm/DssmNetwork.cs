using Dupn.MLNet.Trainers.Baselines.Deep;
using Dupn.MLNet.Trainers.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Dupn.MLNet.Trainers.Runtime;

namespace Dupn.MLNet.Trainers.Baselines.Dssm;

/// <summary>
/// DSSM: a user/query tower over [profile u ; query q ; mean of the history's [e_t ; p_t]] and an
/// item tower over the candidate (the item's e for CTR, the talent vector for FOLLOW, the shop
/// embedding for SHOP_PREF), 1024-512-128 each by default; logit = scale * cos(user, item) + bias.
/// The two sides meet only in the cosine, which is what makes DSSM cheap to serve and what it
/// gives up in accuracy.
/// </summary>
public sealed class DssmNetwork : BaselineNetwork
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly BehaviorEmbedding embeddings;
    private readonly MlpTower user_tower, item_tower;
    private readonly Parameter bias;
    private readonly Parameter? scale;
#pragma warning restore IDE1006
    private readonly double _fixedScale;

    public DssmNetwork(DupnArchitecture architecture, DupnTask task, DssmOptions options) : base("dssm", task)
    {
        if (!DssmBaseline.SupportsTask(task))
            throw new ArgumentException($"DSSM needs a candidate to compare the user with; {task} has none it can use (supported: CTR, FOLLOW, SHOP_PREF).", nameof(task));
        embeddings = new BehaviorEmbedding(architecture);
        user_tower = new MlpTower("user_tower", BaselineInputs.UserSideDim(architecture), options.TowerLayers, options.Dropout, activateLast: false);
        item_tower = new MlpTower("item_tower", BaselineInputs.CandidateDim(architecture, task), options.TowerLayers, options.Dropout, activateLast: false);
        bias = new Parameter(zeros(1));
        if (options.LearnScale)
            scale = new Parameter(full(1, options.InitialScale));
        _fixedScale = options.InitialScale;
        RegisterComponents();
    }

    public override Tensor forward(BaselineBatch batch)
    {
        var inputs = batch.Inputs;
        var user = user_tower.call(BaselineInputs.UserSide(embeddings, inputs));
        var item = item_tower.call(BaselineInputs.Candidate(embeddings, Task, inputs)!);
        var cosine = nn.functional.cosine_similarity(user, item, 1, 1e-8);
        return KeptScalars.Add(scale is null ? KeptScalars.Multiply(cosine, _fixedScale) : cosine * scale, bias);
    }
}
