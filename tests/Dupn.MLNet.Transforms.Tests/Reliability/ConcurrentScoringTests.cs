using System.Diagnostics;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit.Abstractions;
using static Dupn.MLNet.Transforms.Tests.Embedding.EmbeddingFixture;

namespace Dupn.MLNet.Tests.Reliability;

/// <summary>
/// Issue 7, concurrency and resources. (One model transformed from 8 threads and one scorer called from
/// 8 threads are in Embedding/; this adds the prediction-engine-per-thread pattern of a served zip, and
/// the memory of a long batched run.)
/// </summary>
[Collection(MemoryMeasurements.Name)]
public sealed class ConcurrentScoringTests(ITestOutputHelper output)
{
    private sealed class Embedded
    {
        public float[] UserEmbedding { get; set; } = [];
    }

    [Fact]
    public void APredictionEnginePerThreadOnALoadedZipGivesTheSequentialNumbers()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(64, seed: 77);
        var data = DupnPaddedRows.Load(ml, rows, N, K, Q, P);
        using var dir = RepoPaths.NewTempDir();
        string zip = Path.Combine(dir.Path, "served.zip");
        ml.Model.Save(ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = UserGraph }).Fit(data), data.Schema, zip);
        var model = DupnModelZip.Load(ml, zip, out _);

        var padded = rows.Select(Pad).ToArray();
        float[][] expected;
        // Engines are disposed only when every thread is done: ML.NET's PredictionEngine.Dispose disposes
        // the loaded model's ONNX session, which the other engines share (they then fail inside ONNX Runtime).
        var engines = new List<IDisposable>();
        var sequential = ml.Model.CreatePredictionEngine<PaddedRow, Embedded>(model);
        engines.Add(sequential);
        expected = padded.Select(r => sequential.Predict(r).UserEmbedding).ToArray();
        Assert.All(expected, e => Assert.Equal(expected[0].Length, e.Length));

        // 8 threads, each with its own engine, each walking the rows in its own order, 5 times over.
        var results = new float[8][][];
        var failures = new Exception?[8];
        using var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            try
            {
                var engine = ml.Model.CreatePredictionEngine<PaddedRow, Embedded>(model);
                lock (engines)
                    engines.Add(engine);
                var mine = new float[rows.Count][];
                var order = Enumerable.Range(0, rows.Count).OrderBy(i => (i * (2 * t + 1) + t) % rows.Count).ToArray();
                start.SignalAndWait();
                for (int pass = 0; pass < 5; pass++)
                    foreach (int i in order)
                    {
                        var e = engine.Predict(padded[i]).UserEmbedding;
                        if (mine[i] != null && !mine[i].SequenceEqual(e))
                            throw new InvalidOperationException($"thread {t}: row {i} changed between passes");
                        mine[i] = e;
                    }
                results[t] = mine;
            }
            catch (Exception e)
            {
                failures[t] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        engines.ForEach(e => e.Dispose());
        Assert.All(failures, f => Assert.True(f is null, f?.ToString()));
        for (int t = 0; t < 8; t++)
            for (int r = 0; r < rows.Count; r++)
                Assert.Equal(expected[r], results[t][r]);
    }

    [Fact]
    public void HundredThousandRowsThroughTheBatchedScorerDoNotGrowMemory()
    {
        // Short histories (at most 4 behaviours) keep 120,000 rows within a few seconds on 2 cores.
        var pool = Rows(5000, seed: 5).Where(r => r.Length <= 4).Take(1000).ToList();
        IEnumerable<FeaturizedRow> Stream(int count)
        {
            for (int i = 0; i < count; i++)
                yield return pool[i % pool.Count];
        }
        using var scorer = new DupnUserScorer(UserGraph);
        using var process = Process.GetCurrentProcess();
        long Private()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            process.Refresh();
            return process.PrivateMemorySize64;
        }
        double checksum = 0;
        void Run(int count)
        {
            foreach (var (_, e) in scorer.EmbedAll(Stream(count), batchSize: 256))
                checksum += e[0];
        }

        Run(10_000); // warm-up: ONNX Runtime's arena reaches its working size
        var clock = Stopwatch.StartNew();
        long before = Private();
        Run(50_000);
        long middle = Private();
        Run(50_000);
        long after = Private();
        clock.Stop();

        Assert.True(double.IsFinite(checksum));
        output.WriteLine($"private memory: {before / 1e6:F1} MB after warm-up, {middle / 1e6:F1} MB after 50,000 rows, {after / 1e6:F1} MB after 100,000 rows; {clock.Elapsed.TotalSeconds:F1} s");
        // Native leaks (an undisposed OrtValue per batch, a session per call) would grow by tens of MB
        // per 50,000 rows; allow 48 MB over the whole run for allocator noise.
        Assert.True(after - before < 48L << 20,
            $"private memory grew {(after - before) / 1e6:F1} MB over 100,000 rows ({(middle - before) / 1e6:F1} MB in the first half) in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(after - middle < 24L << 20, $"the second 50,000 rows grew private memory by {(after - middle) / 1e6:F1} MB");
    }
}
