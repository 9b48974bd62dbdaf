using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Runtime;
using static TorchSharp.torch;

namespace Dupn.MLNet.EndToEnd.Tests;

/// <summary>
/// The exported ONNX graphs compute what the TorchSharp network computes: every output of the user
/// tower and of every head, within 1e-4, for batch sizes 1 and 37 and histories up to 0, 1, 7 and
/// 100 behaviours (paper dimensions), in every variant, with batch norm's running statistics and
/// the PPP head's linear path.
/// </summary>
public class TorchOnnxParityTests
{
    private const float Tolerance = 1e-4f;

    private static DupnArchitecture Architecture(DupnVariant variant, bool batchNorm) => new()
    {
        ItemVocabulary = 300, ShopVocabulary = 40, BrandVocabulary = 50, CategoryVocabulary = 20, TagVocabulary = 30,
        TypeVocabulary = 4, SceneVocabulary = 3, QueryVocabulary = 60, TalentVocabulary = 25, TalentTagVocabulary = 12,
        ProfileVocabularies = [2, 7, 5], RankingFeatures = 26, Variant = variant, UseBatchNorm = batchNorm,
        // Our heads and rep (the trainer's default) everywhere but bplstm, which keeps the paper's.
        CandidateInteraction = variant != DupnVariant.BpLstm,
        SignedL2rWeights = variant != DupnVariant.BpLstm,
        QueryInRepresentation = variant != DupnVariant.BpLstm,
        HistoryCountsInRepresentation = variant != DupnVariant.BpLstm,
        CtrScoreAsRankingFeature = variant != DupnVariant.BpLstm,
        PppReadsProfileAndCounts = variant != DupnVariant.BpLstm,
        // The PPP head's linear path in one variant (bpatt, with batch norm in its row).
        PppLinearPath = variant == DupnVariant.BpAtt,
        // c counts a tag table of its own in nobp (ungated) and w2v (gated); the shared one elsewhere.
        CountsTagDim = variant is DupnVariant.NoBp or DupnVariant.W2v ? 20 : 0,
        Tasks = [DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow, DupnTask.ShopPref],
    };

    public static TheoryData<DupnVariant, bool, int, int> Cases()
    {
        var data = new TheoryData<DupnVariant, bool, int, int>();
        foreach (int batch in new[] { 1, 37 })
            foreach (int length in new[] { 0, 1, 7, 100 })
                data.Add(DupnVariant.All, false, batch, length);
        data.Add(DupnVariant.All, true, 37, 100);
        data.Add(DupnVariant.NoBp, false, 37, 100);
        data.Add(DupnVariant.BpLstm, false, 37, 7);
        data.Add(DupnVariant.BpAtt, true, 37, 7);
        data.Add(DupnVariant.W2v, false, 1, 100);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxRuntimeMatchesTorchSharp(DupnVariant variant, bool batchNorm, int batchSize, int maxLength)
    {
        var architecture = Architecture(variant, batchNorm);
        TorchRuntime.Seed(11);
        using var network = new DupnNetwork(architecture);
        if (batchNorm || architecture.PppLinearPath)
            network.LoadStateDict(WithRandomStartValues(network.ToStateDict(), seed: 5));
        network.eval();
        var rows = Rows(architecture, batchSize, maxLength, seed: batchSize * 1000 + maxLength);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var batch = new DupnCollator(architecture).Collate(rows);
        var user = network.forward(batch);
        float[] rep = user.Rep.contiguous().data<float>().ToArray();
        float[] attention = user.Attention.contiguous().data<float>().ToArray();
        int t = (int)user.Attention.shape[1];
        float[] ppp = softmax(network.TaskOutput(DupnTaskNames.Ppp, user.Rep, batch), -1).contiguous().data<float>().ToArray();
        float[] Binary(string task) => sigmoid(network.TaskOutput(task, user.Rep, batch)).contiguous().data<float>().ToArray();
        float[] ctr = Binary(DupnTaskNames.Ctr), follow = Binary(DupnTaskNames.Follow), shopPref = Binary(DupnTaskNames.ShopPref);
        float[] l2r = network.TaskOutput(DupnTaskNames.L2r, user.Rep, batch).contiguous().data<float>().ToArray();

        var weights = network.ToStateDict();
        using var scorer = new DupnSplitScorer(
            DupnOnnxExporter.ExportBytes(architecture, weights, DupnGraphKind.User),
            DupnOnnxExporter.ExportBytes(architecture, weights, DupnGraphKind.Items));
        var onnx = scorer.User.Score(rows);
        int d = architecture.RepresentationDim;
        for (int r = 0; r < rows.Count; r++)
        {
            string where = $"row {r} (length {rows[r].Length})";
            AssertClose(rep.AsSpan(r * d, d), onnx.Embedding(r), $"user_embedding of {where}");
            AssertClose(attention.AsSpan(r * t, rows[r].Length), onnx.AttentionOf(r)[..rows[r].Length], $"attention of {where}");
            AssertClose(ppp.AsSpan(r * 7, 7), onnx.PppProbabilities.AsSpan(r * 7, 7), $"ppp_probs of {where}");

            var items = scorer.ScoreItems(onnx.Embedding(r), [DupnCandidate.FromRow(rows[r])]);
            AssertClose(ctr.AsSpan(r, 1), items.Ctr, $"ctr of {where}");
            AssertClose(l2r.AsSpan(r, 1), items.L2r, $"l2r of {where}");
            AssertClose(follow.AsSpan(r, 1), items.Follow, $"follow of {where}");
            AssertClose(shopPref.AsSpan(r, 1), items.ShopPref, $"shop_pref of {where}");
        }
    }

    private static void AssertClose(ReadOnlySpan<float> torch, ReadOnlySpan<float> onnx, string what)
    {
        Assert.Equal(torch.Length, onnx.Length);
        for (int i = 0; i < torch.Length; i++)
        {
            float diff = Math.Abs(torch[i] - onnx[i]);
            Assert.True(diff <= Tolerance, $"{what}[{i}]: TorchSharp {torch[i]} vs ONNX Runtime {onnx[i]} (|diff| {diff:E2} > {Tolerance:E0})");
        }
    }

    /// <summary>
    /// Batch norm's statistics and affine weights and the PPP head's linear path start at constants (0, 1,
    /// zeros) under which a graph that skipped them would still agree; give them random values.
    /// </summary>
    private static StateDict WithRandomStartValues(StateDict state, int seed)
    {
        var random = new Random(seed);
        var result = new StateDict();
        foreach (string name in state.Names)
        {
            var tensor = state[name];
            float[] values = name switch
            {
                "rep_norm.running_mean" => tensor.Values.Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(),
                "rep_norm.running_var" => tensor.Values.Select(_ => (float)(0.5 + random.NextDouble())).ToArray(),
                "rep_norm.weight" or "rep_norm.bias" => tensor.Values.Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(),
                "ppp.linear" => tensor.Values.Select(_ => (float)((random.NextDouble() * 2 - 1) * 0.2)).ToArray(),
                _ => tensor.Values,
            };
            result.Add(name, tensor.Shape, values);
        }
        return result;
    }

    /// <summary>Rows with random indices and lengths 0..maxLength (the first full, the second empty when there are two).</summary>
    private static List<FeaturizedRow> Rows(DupnArchitecture a, int count, int maxLength, int seed)
    {
        var random = new Random(seed);
        int K = a.TagsPerBehavior;
        int Id(int vocabulary) => random.Next(1, vocabulary + 2);
        int[] Ids(int n, int vocabulary, double zeros = 0) => Enumerable.Range(0, n).Select(_ => random.NextDouble() < zeros ? 0 : Id(vocabulary)).ToArray();
        var rows = new List<FeaturizedRow>();
        for (int r = 0; r < count; r++)
        {
            int length = r == 0 ? maxLength : r == 1 ? 0 : random.Next(0, maxLength + 1);
            rows.Add(new FeaturizedRow
            {
                UserId = $"u{r}", Timestamp = 1000 + r,
                HistoryItem = Ids(length, a.ItemVocabulary), HistoryShop = Ids(length, a.ShopVocabulary),
                HistoryBrand = Ids(length, a.BrandVocabulary), HistoryCategory = Ids(length, a.CategoryVocabulary),
                HistoryTags = Ids(length * K, a.TagVocabulary, zeros: 0.4), HistoryType = Ids(length, a.TypeVocabulary),
                HistoryScene = Ids(length, a.SceneVocabulary), HistoryTime = Enumerable.Range(0, length).Select(_ => random.Next(1, a.TimeBuckets)).ToArray(),
                Query = Ids(a.QueryTokens, a.QueryVocabulary, zeros: 0.5),
                Profile = a.ProfileVocabularies.Select(Id).ToArray(),
                Item = Id(a.ItemVocabulary), Shop = Id(a.ShopVocabulary), Brand = Id(a.BrandVocabulary), Category = Id(a.CategoryVocabulary),
                ItemTags = Ids(K, a.TagVocabulary, zeros: 0.3),
                RankingFeatures = Enumerable.Range(0, a.RankingFeatures).Select(_ => (float)random.NextDouble()).ToArray(),
                Talent = Id(a.TalentVocabulary), TalentTags = Ids(K, a.TalentTagVocabulary, zeros: 0.3),
                TargetShop = Id(a.ShopVocabulary),
            });
        }
        return rows;
    }
}
