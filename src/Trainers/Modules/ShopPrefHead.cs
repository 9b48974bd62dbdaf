using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// SHOP_PREF, the transfer task (DUPN.md section 4): the target shop's row of
/// <c>embeddings.shop</c> projected by <c>shop_pref.proj</c> (24 -> 64), then
/// [rep ; shop] -> fc1 128 ReLU -> fc2 64 ReLU -> out, one logit. With a candidate interaction
/// fc1 reads [rep ; shop ; match(rep) * shop] (see <see cref="ConcatMlpHead"/>).
/// </summary>
public sealed class ShopPrefHead : TaskHead
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear proj, fc1, fc2, @out;
    private readonly Linear? match;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public ShopPrefHead(long repDim, long shopDim, long shopPrefDim, long hidden, double dropoutRate, bool candidateInteraction = false)
        : base("shop_pref", HeadObjective.Binary, 1)
    {
        proj = nn.Linear(shopDim, shopPrefDim);
        if (candidateInteraction)
            match = nn.Linear(repDim, shopPrefDim, hasBias: false);
        fc1 = nn.Linear(repDim + (candidateInteraction ? 2 : 1) * shopPrefDim, hidden);
        fc2 = nn.Linear(hidden, shopPrefDim);
        @out = nn.Linear(shopPrefDim, 1);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary><paramref name="candidate"/> is the target shop's embedding row [B, ShopDim].</summary>
    public override Tensor forward(Tensor rep, Tensor? candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var shop = proj.call(candidate);
        var input = match is null ? cat([rep, shop], -1) : cat([rep, shop, match.call(rep) * shop], -1);
        var x = dropout.call(nn.functional.relu(fc1.call(input)));
        x = dropout.call(nn.functional.relu(fc2.call(x)));
        return @out.call(x).squeeze(-1);
    }
}
