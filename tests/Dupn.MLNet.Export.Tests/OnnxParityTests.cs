using Dupn.MLNet.Export.Tests.Reference;
using Microsoft.ML.OnnxRuntime;

namespace Dupn.MLNet.Export.Tests;

/// <summary>ONNX Runtime on the exported graphs against the plain-C# reference of the equations.</summary>
public sealed class OnnxParityTests
{
    private const float Tolerance = 1e-4f;

    // The last column is CountsTagDim (0: the counts share the LSTM's tag table); the rows that give
    // c a table of its own cover the gated (w2v) and the ungated (nobp) counts.
    public static TheoryData<DupnVariant, bool, int, bool, int> Variants() => new()
    {
        { DupnVariant.All, true, 2, true, 0 },
        { DupnVariant.All, false, 2, false, 0 },
        { DupnVariant.NoBp, false, 2, true, 20 },
        { DupnVariant.BpLstm, true, 1, false, 0 },
        { DupnVariant.BpAtt, false, 0, true, 0 },
        { DupnVariant.W2v, true, 2, true, 20 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void FullGraphMatchesReferenceForEveryBatchAndLength(DupnVariant variant, bool batchNorm, int profileColumns, bool candidateInteraction, int countsTagDim)
    {
        var arch = RandomStateDict.SmallArchitecture(variant, batchNorm, profileColumns, candidateInteraction) with { CountsTagDim = countsTagDim };
        var weights = RandomStateDict.Create(arch, seed: 11 + (int)variant);
        var reference = new ReferenceDupn(arch, weights);
        using var session = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.Full));
        foreach (int batch in new[] { 1, 37 })
            foreach (int history in new[] { 0, 1, 7, 100 })
            {
                var x = DupnBatch.Random(arch, batch, history, seed: batch * 1000 + history);
                var expected = reference.Forward(x);
                var actual = OrtRunner.Run(session, x);
                string where = $"{variant}, interaction {candidateInteraction}, counts tags {countsTagDim}, B={batch}, T={history}";
                AssertClose(expected.UserEmbedding, actual["user_embedding"], $"user_embedding ({where})");
                AssertClose(expected.Attention, actual["attention"], $"attention ({where})");
                AssertClose(expected.PppProbs, actual["ppp_probs"], $"ppp_probs ({where})");
                AssertClose(expected.Ctr, actual["ctr"], $"ctr ({where})");
                AssertClose(expected.L2r, actual["l2r"], $"l2r ({where})");
                AssertClose(expected.Follow, actual["follow"], $"follow ({where})");
                AssertClose(expected.ShopPref, actual["shop_pref"], $"shop_pref ({where})");
            }
    }

    [Fact]
    public void PppLinearPathMatchesReference()
    {
        // The PPP head's linear path is one Gemm whose C input is the MLP's logits; a random (not zero)
        // weight makes the path move ppp_probs, which the graph without it must then miss.
        var arch = RandomStateDict.SmallArchitecture(DupnVariant.All, batchNorm: false, pppLinearPath: true);
        var weights = RandomStateDict.Create(arch, seed: 19);
        var reference = new ReferenceDupn(arch, weights);
        using var session = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.User));
        using var withoutPath = new InferenceSession(DupnOnnxExporter.ExportBytes(arch with { PppLinearPath = false }, weights, DupnGraphKind.User));
        foreach (int history in new[] { 0, 7 })
        {
            var x = DupnBatch.Random(arch, 37, history, seed: 5 + history);
            var expected = reference.Forward(x).PppProbs;
            AssertClose(expected, OrtRunner.Run(session, x)["ppp_probs"], $"ppp_probs (T={history})");
            float[] mlpOnly = OrtRunner.Run(withoutPath, x)["ppp_probs"];
            Assert.True(expected.Zip(mlpOnly).Max(p => Math.Abs(p.First - p.Second)) > 1e-2, "the linear path did not move ppp_probs");
        }
    }

    [Fact]
    public void EmptyHistoryGivesZeroAttentionAndZeroSequenceRepresentation()
    {
        var arch = RandomStateDict.SmallArchitecture(DupnVariant.All, batchNorm: false);
        var weights = RandomStateDict.Create(arch, seed: 4);
        using var session = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.User));
        foreach (int history in new[] { 0, 9 })
        {
            var x = DupnBatch.Random(arch, 3, history, seed: 8);
            Array.Clear(x.HistMask, 1 * history, history); // row 1 empty (it already is; row 0 and 2 not)
            var y = OrtRunner.Run(session, x);
            Assert.All(y["attention"].Skip(history).Take(history), v => Assert.Equal(0f, v));
            Assert.All(y["user_embedding"].Skip(arch.RepresentationDim).Take(arch.Hidden), v => Assert.Equal(0f, v)); // row 1's rep_s
            Assert.All(y["user_embedding"], v => Assert.True(float.IsFinite(v)));
            if (history > 0)
                Assert.Equal(1.0, y["attention"].Take(history).Sum(), 4);
        }
    }

    internal static void AssertClose(float[] expected, float[] actual, string what, float tolerance = Tolerance)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}.");
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.False(float.IsNaN(actual[i]) || float.IsInfinity(actual[i]), $"{what}[{i}] is {actual[i]}.");
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: ONNX {actual[i]}, reference {expected[i]} (|diff| {Math.Abs(expected[i] - actual[i])} > {tolerance}).");
        }
    }
}
