using Dupn.MLNet.Trainers.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

// Dupn.MLNet.Transforms.Embedding (the ONNX scorers) is a namespace too; here Embedding is the TorchSharp module.
using Embedding = TorchSharp.Modules.Embedding;

/// <summary>
/// The embedding tables of every categorical field (state-dict prefix <c>embeddings.</c>) and the
/// poolings the architecture defines on them: e_t (item features, tags mean-pooled over non-zero
/// tags), p_t (scene, time, type), q (mean over non-zero query tokens), u (profile bias plus one
/// embedding per profile column) and the talent vector. Row 0 of every table is padding: kept at
/// zero and never updated (PyTorch's <c>padding_idx</c>).
/// </summary>
public sealed class BehaviorEmbedding : nn.Module
{
    // Field names are the state-dict names (docs/network.md).
#pragma warning disable IDE1006 // PyTorch names
    private readonly Embedding item, shop, brand, category, tag, scene, time, type, query;
    private readonly Embedding? talent, talent_tag, counts_tag;
    private readonly Parameter profile_bias;
#pragma warning restore IDE1006
    private readonly Embedding[] _profiles;

    /// <summary>Builds the tables from <paramref name="arch"/>; the talent tables only when the FOLLOW head is present.</summary>
    public BehaviorEmbedding(DupnArchitecture arch) : base("embeddings")
    {
        item = Table(arch.ItemVocabulary + 2, arch.ItemDim);
        shop = Table(arch.ShopVocabulary + 2, arch.ShopDim);
        brand = Table(arch.BrandVocabulary + 2, arch.BrandDim);
        category = Table(arch.CategoryVocabulary + 2, arch.CategoryDim);
        tag = Table(arch.TagVocabulary + 2, arch.TagDim);
        scene = Table(arch.SceneVocabulary + 2, arch.SceneDim);
        time = Table(arch.TimeBuckets, arch.TimeDim);
        type = Table(arch.TypeVocabulary + 2, arch.TypeDim);
        query = Table(arch.QueryVocabulary + 2, arch.QueryDim);
        if (arch.Tasks.Contains(DupnTask.Follow))
        {
            talent = Table(arch.TalentVocabulary + 2, arch.TalentDim);
            talent_tag = Table(arch.TalentTagVocabulary + 2, arch.TalentDim);
        }
        if (arch.CountsTagDim > 0)
            counts_tag = Table(arch.TagVocabulary + 2, arch.CountsTagDim);
        profile_bias = new Parameter(zeros(arch.ProfileDim));
        _profiles = arch.ProfileVocabularies.Select(v => Table(v + 2, arch.ProfileDim)).ToArray();
        RegisterComponents();
        for (int j = 0; j < _profiles.Length; j++)
            register_module($"profile{j}", _profiles[j]);
    }

    private static Embedding Table(long rows, long dim)
    {
        var table = nn.Embedding(rows, dim, padding_idx: 0);
        using (no_grad())
            table.weight![0].zero_();
        return table;
    }

    /// <summary>The item-id table (frozen and pre-trained in the w2v variant).</summary>
    public Embedding ItemTable => item;

    /// <summary>Replaces the item-id table (w2v: pre-trained vectors); row 0 stays zero.</summary>
    public void LoadItemTable(Tensor table)
    {
        var weight = item.weight!;
        if (!table.shape.SequenceEqual(weight.shape))
            throw new ArgumentException($"The item table must be [{string.Join(",", weight.shape)}]; got [{string.Join(",", table.shape)}].");
        using (no_grad())
        {
            weight.copy_(table.to_type(weight.dtype).to(weight.device));
            weight[0].zero_();
        }
    }

    /// <summary>The shop table (SHOP_PREF projects its rows).</summary>
    public Embedding ShopTable => shop;

    /// <summary>Mean of the tag embeddings over the non-zero tags in the last dimension of <paramref name="tags"/> (zero when none).</summary>
    public Tensor PoolTags(Tensor tags) => MeanNonZero(tag, tags);

    /// <summary>
    /// Mean of the counts' own tag embeddings (<see cref="DupnArchitecture.CountsTagDim"/>) over the
    /// non-zero tags in the last dimension of <paramref name="tags"/>; throws when the network has none.
    /// </summary>
    public Tensor PoolCountsTags(Tensor tags) =>
        MeanNonZero(counts_tag ?? throw new InvalidOperationException("This network has no counts tag table (DupnArchitecture.CountsTagDim is 0)."), tags);

    /// <summary>e = [item ; shop ; brand ; category ; mean tags] for any leading shape (tags have one more dimension, K).</summary>
    public Tensor ItemFeatures(Tensor itemIds, Tensor shopIds, Tensor brandIds, Tensor categoryIds, Tensor tagIds) =>
        cat([item.call(itemIds), shop.call(shopIds), brand.call(brandIds), category.call(categoryIds), PoolTags(tagIds)], -1);

    /// <summary>p = [scene ; time ; type].</summary>
    public Tensor Property(Tensor sceneIds, Tensor timeIds, Tensor typeIds) =>
        cat([scene.call(sceneIds), time.call(timeIds), type.call(typeIds)], -1);

    /// <summary>q: mean of the query-token embeddings over the non-zero tokens ([B,Q] to [B,QueryDim]).</summary>
    public Tensor Query(Tensor tokens) => MeanNonZero(query, tokens);

    /// <summary>u = profile_bias + sum_j profile_j[profile[:, j]] ([B,P] to [B,ProfileDim]).</summary>
    public Tensor Profile(Tensor profile)
    {
        long b = profile.shape[0];
        var u = profile_bias.unsqueeze(0).expand(b, -1);
        for (int j = 0; j < _profiles.Length; j++)
            u = KeptScalars.Add(u, _profiles[j].call(profile.select(1, j)));
        return u;
    }

    /// <summary>Talent vector [talent ; mean talent tags] (FOLLOW); throws when the network has no FOLLOW head.</summary>
    public Tensor Talent(Tensor talentIds, Tensor talentTagIds)
    {
        if (talent is null || talent_tag is null)
            throw new InvalidOperationException("This network has no talent embeddings: its architecture does not list the FOLLOW task.");
        return cat([talent.call(talentIds), MeanNonZero(talent_tag, talentTagIds)], -1);
    }

    private static Tensor MeanNonZero(Embedding table, Tensor ids)
    {
        var vectors = table.call(ids); // padding rows are zero, so the sum only counts real ids
        var count = ids.ne(KeptScalars.OfInteger(0)).sum(-1, keepdim: true).to_type(vectors.dtype).clamp_min(KeptScalars.Of(1.0));
        return vectors.sum(-2) / count;
    }
}
