using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Tests.Synthetic;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests.Network;

/// <summary>Names and shapes are docs/network.md's; weights survive a round trip.</summary>
public class StateDictTests
{
    private static DupnArchitecture PaperDims(DupnVariant variant) => new()
    {
        ItemVocabulary = 10, ShopVocabulary = 5, BrandVocabulary = 4, CategoryVocabulary = 3, TagVocabulary = 6,
        TypeVocabulary = 4, SceneVocabulary = 3, QueryVocabulary = 7, TalentVocabulary = 2, TalentTagVocabulary = 3,
        ProfileVocabularies = [2, 5], RankingFeatures = 26, Variant = variant, UseBatchNorm = true,
        Tasks = [DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow, DupnTask.ShopPref],
    };

    [Fact]
    public void NamesAndShapesAreTheArchitecturesAtPaperDimensions()
    {
        using var scope = NewDisposeScope();
        var sd = new DupnNetwork(PaperDims(DupnVariant.All)).ToStateDict();
        var expected = new Dictionary<string, int[]>
        {
            ["embeddings.item.weight"] = [12, 32], ["embeddings.shop.weight"] = [7, 24], ["embeddings.brand.weight"] = [6, 24],
            ["embeddings.category.weight"] = [5, 16], ["embeddings.tag.weight"] = [8, 28], ["embeddings.scene.weight"] = [5, 16],
            ["embeddings.time.weight"] = [9, 16], ["embeddings.type.weight"] = [6, 16], ["embeddings.query.weight"] = [9, 64],
            ["embeddings.profile0.weight"] = [4, 128], ["embeddings.profile1.weight"] = [7, 128], ["embeddings.profile_bias"] = [128],
            ["embeddings.talent.weight"] = [4, 64], ["embeddings.talent_tag.weight"] = [5, 64],
            ["lstm.weight_e"] = [512, 124], ["lstm.weight_p"] = [384, 48], ["lstm.weight_h"] = [512, 128], ["lstm.bias"] = [512],
            ["attention.fc1.weight"] = [128, 368], ["attention.fc1.bias"] = [128], ["attention.fc2.weight"] = [64, 128],
            ["attention.fc2.bias"] = [64], ["attention.fc3.weight"] = [1, 64], ["attention.fc3.bias"] = [1],
            ["rep_norm.weight"] = [256], ["rep_norm.bias"] = [256], ["rep_norm.running_mean"] = [256], ["rep_norm.running_var"] = [256],
            ["item_tower.proj.weight"] = [128, 124], ["item_tower.proj.bias"] = [128],
            ["ctr.fc1.weight"] = [128, 384], ["ctr.fc1.bias"] = [128], ["ctr.fc2.weight"] = [128, 128], ["ctr.fc2.bias"] = [128],
            ["ctr.out.weight"] = [1, 128], ["ctr.out.bias"] = [1],
            ["l2r.fc1.weight"] = [128, 256], ["l2r.fc1.bias"] = [128], ["l2r.fc2.weight"] = [26, 128], ["l2r.fc2.bias"] = [26], ["l2r.intercept"] = [1],
            ["ppp.fc1.weight"] = [128, 256], ["ppp.fc1.bias"] = [128], ["ppp.out.weight"] = [7, 128], ["ppp.out.bias"] = [7],
            ["follow.fc1.weight"] = [128, 384], ["follow.fc1.bias"] = [128], ["follow.fc2.weight"] = [128, 128], ["follow.fc2.bias"] = [128],
            ["follow.out.weight"] = [1, 128], ["follow.out.bias"] = [1],
            ["shop_pref.proj.weight"] = [64, 24], ["shop_pref.proj.bias"] = [64], ["shop_pref.fc1.weight"] = [128, 320], ["shop_pref.fc1.bias"] = [128],
            ["shop_pref.fc2.weight"] = [64, 128], ["shop_pref.fc2.bias"] = [64], ["shop_pref.out.weight"] = [1, 64], ["shop_pref.out.bias"] = [1],
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), sd.Names.Order(StringComparer.Ordinal));
        foreach (var (name, shape) in expected)
            Assert.True(shape.SequenceEqual(sd[name].Shape), $"{name}: [{string.Join(",", sd[name].Shape)}], expected [{string.Join(",", shape)}]");
        // Padding rows are zero.
        Assert.All(sd["embeddings.item.weight"].Values.Take(32), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void NoBpHasNoPropertyWeightsAndANarrowerAttention()
    {
        using var scope = NewDisposeScope();
        var sd = new DupnNetwork(PaperDims(DupnVariant.NoBp)).ToStateDict();
        Assert.False(sd.Contains("lstm.weight_p"));
        Assert.Equal([128, 320], sd["attention.fc1.weight"].Shape);
        var bpatt = new DupnNetwork(PaperDims(DupnVariant.BpAtt)).ToStateDict();
        Assert.False(bpatt.Contains("lstm.weight_p"));
        Assert.Equal([128, 368], bpatt["attention.fc1.weight"].Shape);
        var bplstm = new DupnNetwork(PaperDims(DupnVariant.BpLstm)).ToStateDict();
        Assert.True(bplstm.Contains("lstm.weight_p"));
        Assert.Equal([128, 320], bplstm["attention.fc1.weight"].Shape);
    }

    [Fact]
    public void RoundTripReproducesOutputsExactly()
    {
        using var scope = NewDisposeScope();
        var arch = SyntheticDupnData.Architecture(batchNorm: true);
        var source = NetworkTestKit.Network(arch, seed: 1);
        var target = NetworkTestKit.Network(arch, seed: 2);
        var rows = NetworkTestKit.Rows(8);
        using var batch = NetworkTestKit.Batch(arch, rows);
        // Move the running statistics away from their initial values so the buffers are really carried.
        source.train();
        source.call(batch);
        source.eval();

        var before = target.call(batch).Rep.clone();
        target.LoadStateDict(source.ToStateDict());
        var a = source.call(batch);
        var b = target.call(batch);
        Assert.False(before.allclose(b.Rep));
        Assert.True(a.Rep.equal(b.Rep).all().item<bool>());
        foreach (var task in source.TaskNames)
            Assert.True(source.TaskOutput(task, a.Rep, batch).equal(target.TaskOutput(task, b.Rep, batch)).all().item<bool>(), task);
    }

    [Fact]
    public void LoadingAMismatchedStateDictNamesTheProblem()
    {
        using var scope = NewDisposeScope();
        var all = new DupnNetwork(SyntheticDupnData.Architecture());
        var nobp = new DupnNetwork(SyntheticDupnData.Architecture(DupnVariant.NoBp));
        var error = Assert.Throws<ArgumentException>(() => nobp.LoadStateDict(all.ToStateDict()));
        Assert.Contains("lstm.weight_p", error.Message);
        var wider = new DupnNetwork(SyntheticDupnData.Architecture(hidden: 32));
        var shapeError = Assert.ThrowsAny<Exception>(() => all.LoadStateDict(wider.ToStateDict()));
        Assert.Contains("the architecture expects", shapeError.Message);
    }
}
