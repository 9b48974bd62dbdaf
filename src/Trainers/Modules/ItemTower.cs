using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// The candidate item's embedding for the CTR head (<c>item_tower.proj</c>, 124 -> 128): a linear
/// projection of the item's features e taken from the same embedding tables as the history.
/// Linear on purpose (ours): the CTR head's first layer supplies the non-linearity.
/// </summary>
public sealed class ItemTower : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear proj;
#pragma warning restore IDE1006

    public ItemTower(long itemFeatureDim, long itemTowerDim) : base("item_tower")
    {
        proj = nn.Linear(itemFeatureDim, itemTowerDim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor itemFeatures) => proj.call(itemFeatures);
}
