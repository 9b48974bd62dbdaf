using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Batching;

/// <summary>
/// One mini-batch as the network's input tensors (names and shapes as in docs/network.md):
/// histories left-aligned and 0-padded to the longest history in the batch, plus the candidate
/// fields and labels of the task rows. Owns its tensors.
/// </summary>
public sealed class DupnBatch : IDisposable
{
    public required Tensor HistItem { get; init; }
    public required Tensor HistShop { get; init; }
    public required Tensor HistBrand { get; init; }
    public required Tensor HistCategory { get; init; }
    /// <summary>[B,T,K] tag indices.</summary>
    public required Tensor HistTags { get; init; }
    public required Tensor HistType { get; init; }
    public required Tensor HistScene { get; init; }
    public required Tensor HistTime { get; init; }
    /// <summary>[B,T] 1 for a real behaviour, 0 for padding (floating point, the network's dtype).</summary>
    public required Tensor HistMask { get; init; }
    /// <summary>[B,Q] query tokens.</summary>
    public required Tensor Query { get; init; }
    /// <summary>[B,P] one index per profile column.</summary>
    public required Tensor Profile { get; init; }
    public required Tensor Item { get; init; }
    public required Tensor Shop { get; init; }
    public required Tensor Brand { get; init; }
    public required Tensor Category { get; init; }
    /// <summary>[B,K] candidate item tags.</summary>
    public required Tensor ItemTags { get; init; }
    /// <summary>[B,m] L2R ranking features.</summary>
    public required Tensor RankingFeatures { get; init; }
    public required Tensor Talent { get; init; }
    /// <summary>[B,K] talent tags.</summary>
    public required Tensor TalentTags { get; init; }
    public required Tensor TargetShop { get; init; }
    /// <summary>[B] binary label (or regression target) as floating point.</summary>
    public required Tensor Label { get; init; }
    /// <summary>[B] PPP level 1..7 as int64 (0 for rows of other tasks).</summary>
    public required Tensor Level { get; init; }
    /// <summary>[B] the L2R behaviour-type index of each row.</summary>
    public required Tensor BehaviorType { get; init; }

    /// <summary>Rows in the batch.</summary>
    public long Size => HistItem.shape[0];

    private IEnumerable<Tensor> All() =>
    [
        HistItem, HistShop, HistBrand, HistCategory, HistTags, HistType, HistScene, HistTime, HistMask,
        Query, Profile, Item, Shop, Brand, Category, ItemTags, RankingFeatures, Talent, TalentTags,
        TargetShop, Label, Level, BehaviorType,
    ];

    /// <summary>Keeps the tensors alive past the dispose scope they were made in.</summary>
    public DupnBatch MoveToOuterDisposeScope()
    {
        foreach (var t in All())
            t.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        foreach (var t in All())
            t.Dispose();
    }
}
