using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Tests.Synthetic;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests.Network;

/// <summary>Masking, attention and empty histories on the whole user tower and heads.</summary>
public class DupnNetworkTests
{
    private static readonly DupnArchitecture Arch = SyntheticDupnData.Architecture();

    [Theory]
    [InlineData(DupnVariant.All)]
    [InlineData(DupnVariant.NoBp)]
    [InlineData(DupnVariant.BpLstm)]
    [InlineData(DupnVariant.BpAtt)]
    public void PaddingNeverChangesAnyOutput(DupnVariant variant)
    {
        using var scope = NewDisposeScope();
        // The history's counts are on: a sum over steps must ignore padding as the attention does.
        var arch = Arch with { Variant = variant, HistoryCountsInRepresentation = true };
        var network = NetworkTestKit.Network(arch);
        var rows = NetworkTestKit.Rows(6);
        var shortest = rows.OrderBy(r => r.Length).First();
        var longest = rows.OrderBy(r => r.Length).Last();
        Assert.True(shortest.Length < longest.Length);

        using var alone = NetworkTestKit.Batch(arch, [shortest]);
        using var padded = NetworkTestKit.Batch(arch, [shortest, longest]);
        // Garbage in the padded steps of the short row: valid indices, mask still 0.
        long t0 = shortest.Length, t1 = padded.HistItem.shape[1];
        foreach (var field in new[] { padded.HistItem, padded.HistShop, padded.HistBrand, padded.HistCategory, padded.HistType, padded.HistScene, padded.HistTime })
            field[0, TensorIndex.Slice(t0, t1)] = tensor(3L);
        padded.HistTags[0, TensorIndex.Slice(t0, t1)] = tensor(4L);

        var a = network.call(alone);
        var b = network.call(padded);
        Assert.True(a.Rep[0].allclose(b.Rep[0], rtol: 1e-5, atol: 1e-6), "rep changed when padding was added");
        Assert.True(a.Attention[0].allclose(b.Attention[0, TensorIndex.Slice(0, t0)], rtol: 1e-5, atol: 1e-6));
        Assert.Equal(0.0, b.Attention[0, TensorIndex.Slice(t0, t1)].abs().sum().item<float>());
        foreach (var task in network.TaskNames)
        {
            var ya = network.TaskOutput(task, a.Rep, alone);
            var yb = network.TaskOutput(task, b.Rep, padded);
            Assert.True(ya[0].allclose(yb[0], rtol: 1e-5, atol: 1e-6), $"{task} output changed when padding was added");
        }
    }

    [Fact]
    public void AttentionSumsToOneOverValidStepsAndIsZeroOnPadding()
    {
        using var scope = NewDisposeScope();
        var network = NetworkTestKit.Network(Arch);
        var rows = NetworkTestKit.Rows(16);
        using var batch = NetworkTestKit.Batch(Arch, rows);
        var user = network.call(batch);
        var a = user.Attention;
        Assert.Equal(batch.HistMask.shape, a.shape);
        for (int r = 0; r < rows.Count; r++)
        {
            Assert.Equal(1.0, a[r].sum().item<float>(), 5);
            Assert.Equal(0.0, (a[r] * (1 - batch.HistMask[r])).abs().sum().item<float>());
            Assert.True(a[r].min().item<float>() >= 0);
        }
        // rep = [sum_t a_t h_t ; u]
        var repS = (a.unsqueeze(-1) * user.Hidden).sum(1);
        Assert.True(user.Rep[TensorIndex.Colon, TensorIndex.Slice(0, Arch.Hidden)].allclose(repS, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void EmptyHistoryGivesZeroRepSAndFiniteOutputsAndGradients()
    {
        using var scope = NewDisposeScope();
        var network = NetworkTestKit.Network(Arch);
        network.train();
        var empty = new SyntheticDupnData(9).EmptyHistoryRow();
        using var batch = NetworkTestKit.Batch(Arch, [empty, NetworkTestKit.Rows(1)[0]]);
        var user = network.call(batch);
        Assert.Equal(0.0, user.Attention[0].abs().sum().item<float>());
        Assert.Equal(0.0, user.Rep[0, TensorIndex.Slice(0, Arch.Hidden)].abs().sum().item<float>());
        var loss = network.TaskOutput(DupnTaskNames.Ctr, user.Rep, batch).sum();
        loss.backward();
        Assert.True(loss.isfinite().item<bool>());
        foreach (var (name, p) in network.named_parameters())
            if (p.grad is not null)
                Assert.True(p.grad.isfinite().all().item<bool>(), $"gradient of {name} is not finite");
    }

    [Fact]
    public void MaskedSoftmaxOfAnAllPaddedRowIsZeroNotNaN()
    {
        using var scope = NewDisposeScope();
        var scores = tensor(new float[] { 1, 2, 3, 100, -5, 7 }).reshape(2, 3);
        var mask = tensor(new float[] { 0, 0, 0, 1, 1, 0 }).reshape(2, 3);
        var a = AttentionPooling.MaskedSoftmax(scores, mask);
        Assert.Equal(new float[] { 0, 0, 0 }, a[0].data<float>().ToArray());
        Assert.Equal(1f, a[1, 0].item<float>(), 6);
        Assert.Equal(0f, a[1, 2].item<float>());
    }

    [Fact]
    public void SignedL2rWeightsAreThePaperWeightsBeforeTheirRelu()
    {
        // Same seed, same parameters: the paper's head is relu(fc2(...)) and ours is fc2(...), so on a
        // one-hot r_j (intercept 0 before training) the scores are w_j, and the paper's are max(w_j, 0).
        using var scope = NewDisposeScope();
        var signed = NetworkTestKit.Network(Arch with { SignedL2rWeights = true });
        var paper = NetworkTestKit.Network(Arch with { SignedL2rWeights = false });
        var rows = new SyntheticDupnData(3).L2r(20);
        using var batch = NetworkTestKit.Batch(Arch, rows);
        var ws = new List<Tensor>();
        var wp = new List<Tensor>();
        for (int j = 0; j < Arch.RankingFeatures; j++)
        {
            batch.RankingFeatures.zero_();
            batch.RankingFeatures[TensorIndex.Colon, j] = tensor(1f);
            ws.Add(signed.TaskOutput(DupnTaskNames.L2r, signed.call(batch).Rep, batch));
            wp.Add(paper.TaskOutput(DupnTaskNames.L2r, paper.call(batch).Rep, batch));
        }
        var wSigned = stack(ws);
        var wPaper = stack(wp);
        Assert.True(wSigned.min().item<float>() < -1e-3f, $"no negative weight among {wSigned.numel()}: the signed head is not signed");
        Assert.True(wSigned.max().item<float>() > 1e-3f);
        Assert.True(wPaper.allclose(wSigned.clamp_min(0), rtol: 1e-5, atol: 1e-6), "the paper's weights are not relu of ours");
    }

    [Fact]
    public void CtrScoreIsOneMoreRankingFeatureThatL2rDoesNotTrain()
    {
        // score = w(rep)[..m] . r + w(rep)[m] * s_ctr + intercept, with s_ctr the CTR head's logit for
        // the row's item; L2R's gradient must reach neither the CTR head nor the item tower.
        using var scope = NewDisposeScope();
        var arch = Arch with { CtrScoreAsRankingFeature = true, SignedL2rWeights = true };
        var network = NetworkTestKit.Network(arch);
        var rows = new SyntheticDupnData(3).L2r(20);
        using var batch = NetworkTestKit.Batch(arch, rows);
        var rep = network.call(batch).Rep;
        var score = network.TaskOutput(DupnTaskNames.L2r, rep, batch);

        var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal([arch.RankingFeatures + 1, arch.HeadHidden], parameters["l2r.fc2.weight"].shape);
        var hidden = nn.functional.relu(nn.functional.linear(rep, parameters["l2r.fc1.weight"], parameters["l2r.fc1.bias"]));
        var w = nn.functional.linear(hidden, parameters["l2r.fc2.weight"], parameters["l2r.fc2.bias"]);
        var ctr = network.TaskOutput(DupnTaskNames.Ctr, rep, batch);
        Assert.True(ctr.std().item<float>() > 1e-4f, "the CTR logits of the test rows are all alike");
        int m = arch.RankingFeatures;
        var expected = (w[TensorIndex.Colon, TensorIndex.Slice(0, m)] * batch.RankingFeatures).sum(-1) + w[TensorIndex.Colon, m] * ctr + parameters["l2r.intercept"];
        Assert.True(score.allclose(expected, rtol: 1e-5, atol: 1e-5), "the L2R score is not w . [r ; s_ctr] + intercept");

        score.sum().backward();
        foreach (var (name, parameter) in parameters.Where(p => p.Key.StartsWith("ctr.", StringComparison.Ordinal) || p.Key.StartsWith("item_tower.", StringComparison.Ordinal)))
            Assert.True(parameter.grad is null || parameter.grad.abs().sum().item<float>() == 0, $"L2R's gradient reached {name}");
        Assert.True(parameters["l2r.fc2.weight"].grad!.abs().sum().item<float>() > 0);
        // Without both heads there is no CTR score to read.
        var error = Assert.Throws<ArgumentException>(() => (arch with { Tasks = [DupnTask.L2r, DupnTask.Ppp] }).Validate());
        Assert.Equal("DupnArchitecture.CtrScoreAsRankingFeature needs both the CTR and the L2R head.", error.Message);
    }

    [Fact]
    public void PppHeadReadsOnlyTheProfileAndTheCounts()
    {
        // With PppReadsProfileAndCounts the PPP head's input is [u ; c]: another query moves rep (q and the
        // query-conditioned attention) but not the PPP output. The paper's head, on all of rep, moves with it.
        using var scope = NewDisposeScope();
        var arch = Arch with { QueryInRepresentation = true, HistoryCountsInRepresentation = true, PppReadsProfileAndCounts = true };
        var ours = NetworkTestKit.Network(arch);
        var paper = NetworkTestKit.Network(arch with { PppReadsProfileAndCounts = false });
        var rows = new SyntheticDupnData(3).Ppp(16);
        using var batch = NetworkTestKit.Batch(arch, rows);
        var weights = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal([arch.HeadHidden, arch.ProfileDim + arch.HistoryCountsDim], weights["ppp.fc1.weight"].shape);

        (Tensor Rep, Tensor Ours, Tensor Paper) Outputs(long queryToken)
        {
            batch.Query.fill_(queryToken);
            var rep = ours.call(batch).Rep;
            return (rep, ours.TaskOutput(DupnTaskNames.Ppp, rep, batch), paper.TaskOutput(DupnTaskNames.Ppp, paper.call(batch).Rep, batch));
        }
        var first = Outputs(2);
        var second = Outputs(3);
        Assert.False(first.Rep.allclose(second.Rep, rtol: 1e-4, atol: 1e-4), "the query did not change rep");
        Assert.True(first.Ours.allclose(second.Ours, rtol: 1e-6, atol: 1e-6), "the PPP head read the query-steered part of rep");
        Assert.False(first.Paper.allclose(second.Paper, rtol: 1e-4, atol: 1e-4), "the paper's PPP head ignored the query");

        var error = Assert.Throws<ArgumentException>(() => (arch with { HistoryCountsInRepresentation = false }).Validate());
        Assert.Equal("DupnArchitecture.PppReadsProfileAndCounts needs the PPP head and HistoryCountsInRepresentation.", error.Message);
    }

    [Fact]
    public void PppLinearPathAddsALinearMapOfTheHeadsInputToTheMlpsLogits()
    {
        using var scope = NewDisposeScope();
        var arch = Arch with { QueryInRepresentation = true, HistoryCountsInRepresentation = true, PppReadsProfileAndCounts = true };
        var plain = NetworkTestKit.Network(arch);
        var linear = NetworkTestKit.Network(arch with { PppLinearPath = true });
        var rows = new SyntheticDupnData(3).Ppp(16);
        using var batch = NetworkTestKit.Batch(arch, rows);

        // The path starts at zero and draws nothing from the generator: every other weight is the plain
        // network's, so the two give the same logits until the path learns.
        var plainWeights = plain.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var weights = linear.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal(plainWeights.Keys.Append("ppp.linear").Order(), weights.Keys.Order());
        foreach (var (name, value) in plainWeights)
            Assert.True(value.allclose(weights[name], rtol: 0, atol: 0), $"{name} differs between the networks");
        Assert.Equal([arch.PppLevels, arch.PppInputDim], weights["ppp.linear"].shape);
        Assert.Equal(0.0, weights["ppp.linear"].abs().sum().item<float>());
        var rep = linear.call(batch).Rep;
        var mlp = plain.TaskOutput(DupnTaskNames.Ppp, rep, batch);
        Assert.True(linear.TaskOutput(DupnTaskNames.Ppp, rep, batch).allclose(mlp, rtol: 0, atol: 0));

        // With a weight W the logits are the MLP's plus [u ; c] W^T, [u ; c] sliced from rep by hand.
        using (no_grad())
            weights["ppp.linear"].copy_(randn(arch.PppLevels, arch.PppInputDim, generator: new Generator(7)));
        var x = cat([rep.narrow(-1, arch.Hidden, arch.ProfileDim), rep.narrow(-1, arch.RepresentationDim - arch.HistoryCountsDim, arch.HistoryCountsDim)], -1);
        var expected = mlp + x.matmul(weights["ppp.linear"].t());
        var actual = linear.TaskOutput(DupnTaskNames.Ppp, rep, batch);
        Assert.False(actual.allclose(mlp, rtol: 1e-3, atol: 1e-3), "the linear path did not reach the logits");
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-5), "the logits are not the MLP's plus x W^T");

        // PPP's loss reaches the path.
        nn.functional.cross_entropy(actual, zeros(rows.Count, ScalarType.Int64)).backward();
        Assert.True(weights["ppp.linear"].grad is { } grad && grad.abs().sum().item<float>() > 0, "no gradient reached ppp.linear");

        var error = Assert.Throws<ArgumentException>(() => (arch with { PppLinearPath = true, PppReadsProfileAndCounts = false, Tasks = [DupnTask.Ctr, DupnTask.L2r] }).Validate());
        Assert.Equal("DupnArchitecture.PppLinearPath needs the PPP head.", error.Message);
    }

    [Fact]
    public void QueryInRepresentationAppendsTheQueryEmbeddingToThePapersRep()
    {
        // Same seed: the user tower is built before the heads, so both networks draw the same tower
        // weights; ours must be the paper's rep followed by q, nothing else.
        using var scope = NewDisposeScope();
        var paper = NetworkTestKit.Network(Arch with { QueryInRepresentation = false });
        var ours = NetworkTestKit.Network(Arch with { QueryInRepresentation = true });
        var rows = NetworkTestKit.Rows(12);
        using var batch = NetworkTestKit.Batch(Arch, rows);
        var repPaper = paper.call(batch).Rep;
        var repOurs = ours.call(batch).Rep;
        int d = Arch.Hidden + Arch.ProfileDim;
        Assert.Equal([rows.Count, d + Arch.QueryDim], repOurs.shape);
        Assert.Equal(d + Arch.QueryDim, (Arch with { QueryInRepresentation = true }).RepresentationDim);
        Assert.True(repOurs[TensorIndex.Colon, TensorIndex.Slice(0, d)].allclose(repPaper, rtol: 1e-5, atol: 1e-6), "[rep_s ; u] differs from the paper's rep");
        var q = ours.Embeddings.Query(batch.Query);
        Assert.True(repOurs[TensorIndex.Colon, TensorIndex.Slice(d, d + Arch.QueryDim)].allclose(q, rtol: 1e-5, atol: 1e-6), "the appended part is not q");
        Assert.True(q.abs().sum().item<float>() > 0, "no row of the test batch has a query");
        foreach (var task in ours.TaskNames)
            Assert.Equal(rows.Count, ours.TaskOutput(task, repOurs, batch).shape[0]); // every head reads the wider rep
    }

    [Theory]
    [InlineData(DupnVariant.All)]
    [InlineData(DupnVariant.NoBp)]
    public void HistoryCountsAppendThePropertyGatedSumOfEachStepsCategoryAndTags(DupnVariant variant)
    {
        // The counts module is built after the attention, so both networks draw the same tower weights.
        using var scope = NewDisposeScope();
        var arch = Arch with { Variant = variant, QueryInRepresentation = true };
        var withCounts = arch with { HistoryCountsInRepresentation = true };
        var plain = NetworkTestKit.Network(arch);
        var ours = NetworkTestKit.Network(withCounts);
        var rows = NetworkTestKit.Rows(12);
        using var batch = NetworkTestKit.Batch(arch, rows);
        var repPlain = plain.call(batch).Rep;
        var repOurs = ours.call(batch).Rep;
        int d = arch.RepresentationDim, width = arch.CategoryDim + arch.TagDim;
        Assert.Equal(width, withCounts.HistoryCountsDim);
        Assert.Equal(d + width, withCounts.RepresentationDim);
        Assert.Equal([rows.Count, d + width], repOurs.shape);
        Assert.True(repOurs[TensorIndex.Colon, TensorIndex.Slice(0, d)].allclose(repPlain, rtol: 1e-5, atol: 1e-6), "the rep before the counts changed");

        // By hand: g_t = sigmoid(w . p_t + b) on valid steps (1 without a property), c = sum_t g_t [category_t ; tags_t].
        var parameters = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var ids = batch.HistCategory;
        var category = parameters["embeddings.category.weight"].index_select(0, ids.flatten()).view(ids.shape[0], ids.shape[1], -1);
        var x = cat([category, ours.Embeddings.PoolTags(batch.HistTags)], -1);
        var mask = batch.HistMask.to_type(x.dtype);
        var g = mask;
        if (variant == DupnVariant.NoBp)
            Assert.DoesNotContain("counts.gate.weight", parameters.Keys);
        else
        {
            var p = ours.Embeddings.Property(batch.HistScene, batch.HistTime, batch.HistType);
            var logits = matmul(p, parameters["counts.gate.weight"].t()).squeeze(-1) + parameters["counts.gate.bias"];
            g = sigmoid(logits) * mask;
            Assert.True(g.max().item<float>() < 1f, "a sigmoid gate cannot reach 1");
        }
        var expected = (g.unsqueeze(-1) * x).sum(1);
        var counts = repOurs[TensorIndex.Colon, TensorIndex.Slice(d, d + width)];
        Assert.True(counts.allclose(expected, rtol: 1e-5, atol: 1e-5), "the appended part is not the gated sum of [category ; tags]");
        Assert.True(counts.abs().sum().item<float>() > 0);
        foreach (var task in ours.TaskNames)
            Assert.Equal(rows.Count, ours.TaskOutput(task, repOurs, batch).shape[0]); // every head reads the wider rep
    }

    [Fact]
    public void CountsWithATagTableOfTheirOwnReadItAndNothingElseDoes()
    {
        // CountsTagDim gives c its own tag table: c = sum_t g_t [category_t ; counts tags_t]. The table
        // reaches c and only c: rep_s, u and q do not move when it changes, and the LSTM keeps its own.
        using var scope = NewDisposeScope();
        var arch = Arch with { QueryInRepresentation = true, HistoryCountsInRepresentation = true, CountsTagDim = 12 };
        var network = NetworkTestKit.Network(arch);
        var parameters = network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.Equal([arch.TagVocabulary + 2, 12], parameters["embeddings.counts_tag.weight"].shape);
        Assert.Equal([arch.TagVocabulary + 2, arch.TagDim], parameters["embeddings.tag.weight"].shape);
        Assert.Equal(arch.CategoryDim + 12, arch.HistoryCountsDim);

        var rows = NetworkTestKit.Rows(12);
        using var batch = NetworkTestKit.Batch(arch, rows);
        var before = network.call(batch).Rep.detach().clone();
        int d = arch.RepresentationDim - arch.HistoryCountsDim;
        Assert.Equal([rows.Count, arch.RepresentationDim], before.shape);

        // By hand, with the gate on p_t.
        var ids = batch.HistCategory;
        var category = parameters["embeddings.category.weight"].index_select(0, ids.flatten()).view(ids.shape[0], ids.shape[1], -1);
        var p = network.Embeddings.Property(batch.HistScene, batch.HistTime, batch.HistType);
        var g = sigmoid(matmul(p, parameters["counts.gate.weight"].t()).squeeze(-1) + parameters["counts.gate.bias"]) * batch.HistMask.to_type(p.dtype);
        var expected = (g.unsqueeze(-1) * cat([category, network.Embeddings.PoolCountsTags(batch.HistTags)], -1)).sum(1);
        Assert.True(before[TensorIndex.Colon, TensorIndex.Slice(d, null)].allclose(expected, rtol: 1e-5, atol: 1e-5), "c is not the gated sum of [category ; counts tags]");

        using (no_grad())
            parameters["embeddings.counts_tag.weight"][TensorIndex.Slice(1, null)].add_(1f);
        var after = network.call(batch).Rep;
        Assert.True(after[TensorIndex.Colon, TensorIndex.Slice(0, d + arch.CategoryDim)].allclose(before[TensorIndex.Colon, TensorIndex.Slice(0, d + arch.CategoryDim)], rtol: 0, atol: 0),
            "the counts' tag table moved rep_s, u, q or c's category part");
        Assert.False(after[TensorIndex.Colon, TensorIndex.Slice(d + arch.CategoryDim, null)].allclose(before[TensorIndex.Colon, TensorIndex.Slice(d + arch.CategoryDim, null)], rtol: 1e-4, atol: 1e-4),
            "the counts' tag table did not reach c");

        var error = Assert.Throws<ArgumentException>(() => (arch with { HistoryCountsInRepresentation = false, PppReadsProfileAndCounts = false }).Validate());
        Assert.Equal("DupnArchitecture.CountsTagDim (12) sizes the tag table of the history's counts and needs HistoryCountsInRepresentation.", error.Message);
    }

    [Fact]
    public void CollatorNamesTheRowAndFieldOfABadIndex()
    {
        var rows = NetworkTestKit.Rows(3);
        var bad = rows[1];
        var broken = new Transforms.Featurization.FeaturizedRow
        {
            UserId = "bad-user", HistoryItem = bad.HistoryItem, HistoryShop = bad.HistoryShop, HistoryBrand = bad.HistoryBrand,
            HistoryCategory = bad.HistoryCategory.Select(_ => 99).ToArray(), HistoryTags = bad.HistoryTags, HistoryType = bad.HistoryType,
            HistoryScene = bad.HistoryScene, HistoryTime = bad.HistoryTime, Query = bad.Query, Profile = bad.Profile,
        };
        var error = Assert.Throws<ArgumentException>(() => new DupnCollator(Arch).Collate([rows[0], broken]));
        Assert.Contains("Row 1 (user 'bad-user')", error.Message);
        Assert.Contains("HistoryCategory holds index 99", error.Message);
    }

    [Fact]
    public void IdDropoutHidesHistoryIdsInTrainingOnlyAndKeepsEveryOtherField()
    {
        using var scope = NewDisposeScope();
        var network = NetworkTestKit.Network(Arch); // dropout 0: id dropout is the only randomness
        var rows = NetworkTestKit.Rows(8);
        using var batch = NetworkTestKit.Batch(Arch, rows);
        var plain = network.call(batch).Rep.detach().clone();

        // Inference sees every id, whatever the rate.
        network.IdDropout = 0.9;
        Assert.True(network.call(batch).Rep.allclose(plain), "id dropout changed an inference output");

        // Training at a rate of almost 1 hides every known item, shop and brand id and nothing else:
        // the same as the unknown id (1) written into those three fields.
        network.IdDropout = 0.999999;
        network.train();
        var dropped = network.call(batch).Rep.detach().clone();
        network.eval();
        using var hidden = NetworkTestKit.Batch(Arch, rows);
        foreach (var field in new[] { hidden.HistItem, hidden.HistShop, hidden.HistBrand })
            field.masked_fill_(field.gt(1), 1);
        var expected = network.call(hidden).Rep;
        Assert.True(dropped.allclose(expected, rtol: 1e-5, atol: 1e-6), "training with id dropout is not the network on unknown ids");
        Assert.False(dropped.allclose(plain, rtol: 1e-3, atol: 1e-4), "hiding every id changed nothing: the test cannot tell");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.IdDropout = 1.0);
        Assert.Contains("Id dropout must be in [0, 1)", error.Message);
    }
}
