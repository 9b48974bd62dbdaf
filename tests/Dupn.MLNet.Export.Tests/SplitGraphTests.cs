using Dupn.MLNet.Export.Tests.Reference;
using Microsoft.ML.OnnxRuntime;

namespace Dupn.MLNet.Export.Tests;

/// <summary>The user graph then the items graph gives what the full graph gives (docs/paper.md 7.2 split).</summary>
public sealed class SplitGraphTests
{
    [Theory]
    [InlineData(DupnVariant.All, 37, 7)]
    [InlineData(DupnVariant.NoBp, 1, 0)]
    [InlineData(DupnVariant.BpAtt, 5, 100)]
    public void UserThenItemsEqualsFull(DupnVariant variant, int batch, int history)
    {
        var arch = RandomStateDict.SmallArchitecture(variant);
        var weights = RandomStateDict.Create(arch, seed: 5);
        using var full = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.Full));
        using var user = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.User));
        using var items = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.Items));
        var x = DupnBatch.Random(arch, batch, history, seed: 9);

        var expected = OrtRunner.Run(full, x);
        var userOut = OrtRunner.Run(user, x);
        var itemsOut = OrtRunner.Run(items, x, userOut["user_embedding"], batch);

        Assert.Equal(["attention", "ppp_probs", "user_embedding"], userOut.Keys.Order());
        Assert.Equal(["ctr", "follow", "l2r", "shop_pref"], itemsOut.Keys.Order());
        foreach (var (name, values) in userOut)
            OnnxParityTests.AssertClose(expected[name], values, $"user graph {name}", 1e-5f);
        foreach (var (name, values) in itemsOut)
            OnnxParityTests.AssertClose(expected[name], values, $"items graph {name}", 1e-5f);
    }

    [Fact]
    public void OneUserRowBroadcastsOverManyCandidates()
    {
        // Split serving: user_embedding [1,256] against K candidates equals K copies of it.
        var arch = RandomStateDict.SmallArchitecture();
        var weights = RandomStateDict.Create(arch, seed: 6);
        using var user = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.User));
        using var items = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.Items));
        var one = DupnBatch.Random(arch, 1, 20, seed: 1);
        float[] rep = OrtRunner.Run(user, one)["user_embedding"];
        var candidates = DupnBatch.Random(arch, 50, 0, seed: 2);
        var tiled = Enumerable.Repeat(rep, 50).SelectMany(r => r).ToArray();

        var broadcast = OrtRunner.Run(items, candidates, rep, 1);
        var repeated = OrtRunner.Run(items, candidates, tiled, 50);
        foreach (var (name, values) in repeated)
        {
            Assert.Equal(50, values.Length);
            OnnxParityTests.AssertClose(values, broadcast[name], $"broadcast {name}", 1e-5f);
        }
    }
}
