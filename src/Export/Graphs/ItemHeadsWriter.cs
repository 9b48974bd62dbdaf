using Dupn.MLNet.Export.Onnx;
using Onnx;
using static Dupn.MLNet.DupnGraphNames;
using static Dupn.MLNet.Export.Onnx.OnnxGraphBuilder;

namespace Dupn.MLNet.Export.Graphs;

/// <summary>
/// Writes the item-dependent heads over rep (CTR, L2R, FOLLOW, SHOP_PREF: docs/network.md
/// "Heads"). rep may have one row for all candidates (split serving) or one per candidate: the first
/// layer of each head is split into its rep part and its candidate part, and the two are added with
/// broadcasting, so the user's share is computed once per user row, as docs/paper.md section 7.2 intends.
/// </summary>
internal static class ItemHeadsWriter
{
    /// <summary>The item-dependent heads of an architecture (the items graph is empty without one).</summary>
    public static bool HasItemHeads(DupnArchitecture a) =>
        a.Tasks.Any(t => t is DupnTask.Ctr or DupnTask.L2r or DupnTask.Follow or DupnTask.ShopPref);

    /// <summary>Declares the candidate inputs of the present heads, writes them and returns (output name, value) pairs.</summary>
    public static List<(string Name, string Value)> Write(DupnGraphContext ctx, string rep)
    {
        var a = ctx.Arch;
        var b = ctx.Builder;
        const TensorProto.Types.DataType I64 = TensorProto.Types.DataType.Int64;
        var outputs = new List<(string, string)>();
        int d = a.RepresentationDim;
        string? ctrLogit = null;

        if (a.Tasks.Contains(DupnTask.Ctr))
        {
            string item = b.Input(Item, I64, BatchDim);
            string shop = b.Input(Shop, I64, BatchDim);
            string brand = b.Input(Brand, I64, BatchDim);
            string category = b.Input(Category, I64, BatchDim);
            string tags = b.Input(ItemTags, I64, BatchDim, a.TagsPerBehavior);
            // The candidate's e = [item ; shop ; brand ; category ; mean tags] (124), projected to 128.
            string e = ctx.ItemFeatures(item, shop, brand, category, tags, idRank: 1);
            string itemEmbedding = ctx.Linear(e, "item_tower.proj", a.ItemFeatureDim, a.ItemTowerDim);
            ctrLogit = BinaryHeadLogit(ctx, rep, itemEmbedding, "ctr", a.ItemTowerDim, a.HeadHidden);
            outputs.Add((Ctr, Probability(b, ctrLogit)));
        }

        if (a.Tasks.Contains(DupnTask.L2r))
        {
            string ranking = b.Input(RankingFeatures, TensorProto.Types.DataType.Float, BatchDim, a.RankingFeatures);
            int m = a.RankingFeatures;
            if (a.CtrScoreAsRankingFeature)
            {
                // r' = [r ; CTR's logit for the same candidate] [B,m+1]
                ranking = b.Node("Concat", [ranking, ctrLogit ?? throw new InvalidOperationException("CtrScoreAsRankingFeature needs the CTR head.")], Attr("axis", 1L));
                m++;
            }
            // w = relu(fc2(relu(fc1(rep)))) [U,m] (no final relu with signed weights); score = w . r + intercept [B]
            string w = ctx.Linear(ctx.Relu(ctx.Linear(rep, "l2r.fc1", d, a.HeadHidden)), "l2r.fc2", a.HeadHidden, m);
            if (!a.SignedL2rWeights)
                w = ctx.Relu(w);
            string dot = b.Node("ReduceSum", [b.Node("Mul", [w, ranking]), b.Int64Vector("axis", 1)], Attr("keepdims", 0L));
            outputs.Add((L2r, b.Node("Add", [dot, ctx.Param("l2r.intercept", 1)])));
        }

        if (a.Tasks.Contains(DupnTask.Follow))
        {
            string talent = b.Input(Talent, I64, BatchDim);
            string talentTags = b.Input(TalentTags, I64, BatchDim, a.TagsPerBehavior);
            string talentEmbedding = b.Node("Concat",
            [
                ctx.Embedding("embeddings.talent.weight", a.TalentVocabulary + 2, a.TalentDim, talent),
                ctx.MaskedMean("embeddings.talent_tag.weight", a.TalentTagVocabulary + 2, a.TalentDim, talentTags, indexRank: 2),
            ], Attr("axis", 1L));
            outputs.Add((Follow, Probability(b, BinaryHeadLogit(ctx, rep, talentEmbedding, "follow", 2 * a.TalentDim, a.HeadHidden))));
        }

        if (a.Tasks.Contains(DupnTask.ShopPref))
        {
            if (a.ShopPrefReadsHistoryMatches)
                throw new NotSupportedException(
                    "This SHOP_PREF head reads the history's matches with each candidate shop (DupnArchitecture.ShopPrefReadsHistoryMatches), " +
                    "which an items graph scored once per candidate without the history cannot compute. Export the user graph, or train the " +
                    "head without them; to serve shop preference, use mlContext.Transforms.DupnCandidateColumns with an ML.NET learner.");
            string target = b.Input(TargetShop, I64, BatchDim);
            string shopEmbedding = ctx.Linear(
                ctx.Embedding("embeddings.shop.weight", a.ShopVocabulary + 2, a.ShopDim, target), "shop_pref.proj", a.ShopDim, a.ShopPrefDim);
            outputs.Add((ShopPref, Probability(b, BinaryHeadLogit(ctx, rep, shopEmbedding, "shop_pref", a.ShopPrefDim, a.ShopPrefDim))));
        }
        return outputs;
    }

    /// <summary>The probability [B] of a binary head's logit [B,1].</summary>
    private static string Probability(OnnxGraphBuilder b, string logit) =>
        b.Node("Squeeze", [b.Node("Sigmoid", [logit]), b.Int64Vector("axis", 1)]);

    /// <summary>
    /// out(relu(fc2(relu(fc1([rep ; candidate ; match(rep) * candidate]))))) with fc1 split
    /// into its rep, candidate and interaction columns (the last only with
    /// <see cref="DupnArchitecture.CandidateInteraction"/>); returns the logit [B,1]. match(rep) is a user-side
    /// product, computed once per rep row and broadcast over the candidates like fc1's rep part.
    /// </summary>
    private static string BinaryHeadLogit(DupnGraphContext ctx, string rep, string candidate, string prefix, int candidateDim, int fc2Out)
    {
        var a = ctx.Arch;
        var b = ctx.Builder;
        bool interaction = a.CandidateInteraction;
        int d = a.RepresentationDim, hidden = a.HeadHidden, inDim = d + (interaction ? 2 : 1) * candidateDim;
        float[] fc1 = ctx.Values(prefix + ".fc1.weight", hidden, inDim);
        string Fc1Block(string part, int offset, int width) => ctx.Derived($"{prefix}.fc1.weight_{part}_t", [width, hidden],
            DupnGraphContext.Transpose(DupnGraphContext.Columns(fc1, hidden, inDim, offset, width), hidden, width));
        string userPart = b.Node("Add", [b.Node("MatMul", [rep, Fc1Block("rep", 0, d)]), ctx.Param(prefix + ".fc1.bias", hidden)]);
        string candidatePart = b.Node("MatMul", [candidate, Fc1Block("candidate", d, candidateDim)]);
        if (interaction)
        {
            float[] match = ctx.Values(prefix + ".match.weight", candidateDim, d);
            string matchRep = b.Node("MatMul", [rep, ctx.Derived(prefix + ".match.weight_t", [d, candidateDim], DupnGraphContext.Transpose(match, candidateDim, d))]);
            string product = b.Node("Mul", [matchRep, candidate]);
            candidatePart = b.Node("Add", [candidatePart, b.Node("MatMul", [product, Fc1Block("interaction", d + candidateDim, candidateDim)])]);
        }
        string h1 = ctx.Relu(b.Node("Add", [userPart, candidatePart]));
        string h2 = ctx.Relu(ctx.Linear(h1, prefix + ".fc2", hidden, fc2Out));
        return ctx.Linear(h2, prefix + ".out", fc2Out, 1);
    }
}
