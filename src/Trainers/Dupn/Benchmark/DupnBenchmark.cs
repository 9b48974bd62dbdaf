using System.Diagnostics;
using Dupn.MLNet.Export.Model;
using Dupn.MLNet.Trainers.Dupn.Batching;
using Dupn.MLNet.Trainers.Dupn.Network;
using Dupn.MLNet.Trainers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Dupn.Benchmark;

/// <summary>
/// Measures DUPN training throughput (samples/s) at given dimensions (the paper's: N = 100,
/// batch 1,024) and this machine's float32 matrix-multiply FLOP/s, and reports the first as a
/// fraction of the second. CTR is the benchmarked task: one head, the full user tower.
/// </summary>
public static class DupnBenchmark
{
    /// <summary>FLOP/s of an n x n by n x n float32 matmul (2 n^3 FLOPs), best of <paramref name="repeats"/> after one warm-up.</summary>
    public static double MeasureMatmulFlops(int n = 2048, int repeats = 5)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n);
        var b = randn(n, n);
        a.matmul(b).Dispose();
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / best;
    }

    /// <summary>
    /// Matmul FLOPs of one row's training step for the CTR task: forward (LSTM over
    /// <paramref name="historyLength"/> steps, attention MLP per step, item tower, CTR head) times 3
    /// for forward plus backward (the usual estimate). Element-wise work is not counted.
    /// </summary>
    public static double TrainingFlopsPerSample(DupnArchitecture arch, int historyLength)
    {
        double h = arch.Hidden, e = arch.ItemFeatureDim;
        double p = arch.Variant.PropertyInLstm() ? arch.PropertyDim : 0;
        double attentionIn = arch.QueryDim + (arch.Variant.PropertyInAttention() ? arch.PropertyDim : 0) + h + arch.ProfileDim;
        double lstm = 2 * (4 * h * (e + h) + 3 * h * p);
        double attention = 2 * (attentionIn * arch.AttentionHidden1 + arch.AttentionHidden1 * arch.AttentionHidden2 + arch.AttentionHidden2);
        double rep = arch.RepresentationDim;
        double head = 2 * (e * arch.ItemTowerDim + (rep + arch.ItemTowerDim) * arch.HeadHidden + arch.HeadHidden * arch.HeadHidden + arch.HeadHidden);
        return 3 * (historyLength * (lstm + attention) + head);
    }

    /// <summary>
    /// Trains the CTR task on random full-length histories for <paramref name="steps"/> timed steps
    /// (after one warm-up step) and measures the matmul ceiling with the same thread count.
    /// </summary>
    /// <param name="arch">Dimensions (paper defaults); its vocabularies size the random ids.</param>
    /// <param name="batchSize">Rows per step (the paper's 1,024).</param>
    /// <param name="historyLength">Behaviours per row (the paper's N = 100).</param>
    /// <param name="steps">Timed training steps.</param>
    /// <param name="threads">libtorch threads (0: libtorch's default).</param>
    /// <param name="matmulSize">n of the ceiling's n x n matmul.</param>
    public static DupnBenchmarkResult Run(DupnArchitecture arch, int batchSize = 1024, int historyLength = 100, int steps = 3, int threads = 0, int matmulSize = 2048)
    {
        ArgumentNullException.ThrowIfNull(arch);
        if (historyLength > arch.MaxHistory)
            throw new ArgumentException($"historyLength {historyLength} exceeds the architecture's MaxHistory {arch.MaxHistory}.");
        if (!arch.Tasks.Contains(DupnTask.Ctr))
            throw new ArgumentException("The benchmark trains the CTR head; the architecture must list DupnTask.Ctr.");
        TorchRuntime.SetThreads(threads);
        TorchRuntime.Seed(1);
        var network = new DupnNetwork(arch);
        network.train();
        var optimizer = optim.Adagrad(network.parameters(), lr: 1e-2);
        using var batch = RandomBatch(arch, batchSize, historyLength);

        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var rep = network.call(batch).Rep;
            var loss = nn.functional.binary_cross_entropy_with_logits(network.TaskOutput(DupnTaskNames.Ctr, rep, batch), batch.Label);
            loss.backward();
            optimizer.step();
        }

        Step(); // warm-up: allocations and kernel selection
        var watch = Stopwatch.StartNew();
        for (int s = 0; s < steps; s++)
            Step();
        double samplesPerSecond = (double)batchSize * steps / watch.Elapsed.TotalSeconds;
        network.Dispose();
        return new DupnBenchmarkResult(samplesPerSecond, TrainingFlopsPerSample(arch, historyLength), MeasureMatmulFlops(matmulSize));
    }

    private static DupnBatch RandomBatch(DupnArchitecture arch, int b, int t)
    {
        var random = new Random(7);
        long[] Ids(int vocabulary, params int[] shape)
        {
            int n = shape.Aggregate(1, (x, y) => x * y);
            return Enumerable.Range(0, n).Select(_ => (long)random.Next(1, vocabulary + 2)).ToArray();
        }
        Tensor T(long[] data, params long[] shape) => tensor(data, shape);
        int k = arch.TagsPerBehavior, q = arch.QueryTokens, p = arch.ProfileVocabularies.Count;
        return new DupnBatch
        {
            HistItem = T(Ids(arch.ItemVocabulary, b, t), b, t), HistShop = T(Ids(arch.ShopVocabulary, b, t), b, t),
            HistBrand = T(Ids(arch.BrandVocabulary, b, t), b, t), HistCategory = T(Ids(arch.CategoryVocabulary, b, t), b, t),
            HistTags = T(Ids(arch.TagVocabulary, b, t, k), b, t, k), HistType = T(Ids(arch.TypeVocabulary, b, t), b, t),
            HistScene = T(Ids(arch.SceneVocabulary, b, t), b, t), HistTime = T(Ids(arch.TimeBuckets - 2, b, t), b, t),
            HistMask = ones(b, t), Query = T(Ids(arch.QueryVocabulary, b, q), b, q),
            Profile = T(Enumerable.Range(0, b * p).Select(i => (long)random.Next(1, arch.ProfileVocabularies[i % p] + 2)).ToArray(), b, p),
            Item = T(Ids(arch.ItemVocabulary, b), b), Shop = T(Ids(arch.ShopVocabulary, b), b), Brand = T(Ids(arch.BrandVocabulary, b), b),
            Category = T(Ids(arch.CategoryVocabulary, b), b), ItemTags = T(Ids(arch.TagVocabulary, b, k), b, k),
            RankingFeatures = zeros(b, arch.RankingFeatures), Talent = zeros(b, dtype: ScalarType.Int64),
            TalentTags = zeros(b, k, dtype: ScalarType.Int64), TargetShop = zeros(b, dtype: ScalarType.Int64),
            Label = tensor(Enumerable.Range(0, b).Select(_ => random.Next(2) * 1f).ToArray()),
            Level = zeros(b, dtype: ScalarType.Int64), BehaviorType = zeros(b, dtype: ScalarType.Int64),
        };
    }
}
