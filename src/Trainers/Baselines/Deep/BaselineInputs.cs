using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using static TorchSharp.torch;
using Dupn.MLNet.Trainers.Runtime;

namespace Dupn.MLNet.Trainers.Baselines.Deep;

/// <summary>
/// The dense inputs the deep baselines build from DUPN's embedding tables
/// (<see cref="BehaviorEmbedding"/>): the user side (profile u, query q, the mean of the history's
/// [e_t ; p_t]), the history as e_t per step, and the task's candidate.
/// </summary>
internal static class BaselineInputs
{
    /// <summary>Width of <see cref="UserSide"/>: profile + query + e_t + p_t.</summary>
    public static long UserSideDim(DupnArchitecture a) => a.ProfileDim + a.QueryDim + a.ItemFeatureDim + a.PropertyDim;

    /// <summary>[u ; q ; mean over the real behaviours of [e_t ; p_t]] (zero history part for an empty history).</summary>
    public static Tensor UserSide(BehaviorEmbedding embeddings, DupnBatch batch)
    {
        var steps = cat([HistoryItems(embeddings, batch), embeddings.Property(batch.HistScene, batch.HistTime, batch.HistType)], -1);
        var mask = batch.HistMask.unsqueeze(-1);
        var mean = (steps * mask).sum(1) / KeptScalars.ClampMin(mask.sum(1), 1.0);
        return cat([embeddings.Profile(batch.Profile), embeddings.Query(batch.Query), mean], -1);
    }

    /// <summary>e_t of every step, [B,T,ItemFeatureDim]; padding steps are exactly zero (row 0 of every table is zero).</summary>
    public static Tensor HistoryItems(BehaviorEmbedding embeddings, DupnBatch batch) =>
        embeddings.ItemFeatures(batch.HistItem, batch.HistShop, batch.HistBrand, batch.HistCategory, batch.HistTags);

    /// <summary>Width of <see cref="Candidate"/> for <paramref name="task"/> (0 for PPP, which has no candidate).</summary>
    public static long CandidateDim(DupnArchitecture a, DupnTask task) => task switch
    {
        DupnTask.Ctr => a.ItemFeatureDim,
        DupnTask.L2r => a.ItemFeatureDim + a.RankingFeatures,
        DupnTask.Follow => 2L * a.TalentDim,
        DupnTask.ShopPref => a.ShopDim,
        _ => 0,
    };

    /// <summary>
    /// The task's candidate: the item's e (CTR; L2R adds its ranking features r), the talent vector
    /// (FOLLOW) or the target shop's embedding (SHOP_PREF); null for PPP.
    /// </summary>
    public static Tensor? Candidate(BehaviorEmbedding embeddings, DupnTask task, DupnBatch batch) => task switch
    {
        DupnTask.Ctr => ItemOf(embeddings, batch),
        DupnTask.L2r => cat([ItemOf(embeddings, batch), batch.RankingFeatures], -1),
        DupnTask.Follow => embeddings.Talent(batch.Talent, batch.TalentTags),
        DupnTask.ShopPref => embeddings.ShopTable.call(batch.TargetShop),
        _ => null,
    };

    private static Tensor ItemOf(BehaviorEmbedding embeddings, DupnBatch batch) =>
        embeddings.ItemFeatures(batch.Item, batch.Shop, batch.Brand, batch.Category, batch.ItemTags);
}
