using System.Diagnostics;
using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// Measures the scoring paths on the same requests: single-row latency on one thread, batched
/// users/s, the ML.NET transform's users/s, and split versus full serving for K candidates.
/// </summary>
public static class DupnEmbeddingBenchmark
{
    public static DupnBenchmarkResult Run(byte[] userGraph, byte[] itemsGraph, byte[] fullGraph,
        IReadOnlyList<FeaturizedRow> requests, IReadOnlyList<DupnCandidate> candidates, DupnBenchmarkOptions? options = null,
        byte[]? candidateColumnsGraph = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(candidates);
        options ??= new DupnBenchmarkOptions();
        if (requests.Count == 0)
            throw new ArgumentException("The benchmark needs at least one request row.", nameof(requests));
        if (candidates.Count < options.Candidates)
            throw new ArgumentException($"The benchmark needs {options.Candidates} candidates; {candidates.Count} were given.", nameof(candidates));
        var pool = candidates.Take(options.Candidates).ToList();

        // Latency: batch 1, one thread, as a request would be served.
        using var oneThread = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        double[] latencies;
        int historyLength;
        using (var single = new DupnUserScorer(userGraph, oneThread))
        {
            historyLength = single.MaxHistory;
            for (int i = 0; i < options.WarmupCalls; i++)
                single.Score([requests[i % requests.Count]]);
            latencies = new double[options.LatencyCalls];
            for (int i = 0; i < latencies.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                single.Score([requests[i % requests.Count]]);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        Array.Sort(latencies);

        // Throughput: many rows per call, every core.
        double batchedPerSecond;
        using (var batched = new DupnUserScorer(userGraph))
        {
            var batch = Enumerable.Range(0, options.ThroughputBatch).Select(i => requests[i % requests.Count]).ToList();
            batched.Score(batch);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < options.ThroughputCalls; i++)
                batched.Score(batch);
            batchedPerSecond = options.ThroughputBatch * options.ThroughputCalls / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        double mlNetPerSecond = MeasureMlNet(userGraph, requests, options.MlNetRows);
        double candidateColumnsPerSecond = candidateColumnsGraph is null ? double.NaN
            : MeasureCandidateColumns(candidateColumnsGraph, requests, options.ThroughputBatch, options.ThroughputCalls);

        // Split versus full for K candidates.
        double splitMs, fullMs;
        using (var split = new DupnSplitScorer(userGraph, itemsGraph))
        using (var full = new DupnFullScorer(fullGraph))
        {
            split.ScoreCandidates(requests[0], pool);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < options.SplitRequests; i++)
                split.ScoreCandidates(requests[i % requests.Count], pool);
            splitMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds / options.SplitRequests;
            start = Stopwatch.GetTimestamp();
            for (int i = 0; i < options.SplitRequests; i++)
                full.ScoreCandidates(requests[i % requests.Count], pool);
            fullMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds / options.SplitRequests;
        }

        return new DupnBenchmarkResult(historyLength, Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            options.ThroughputBatch, batchedPerSecond, mlNetPerSecond, options.Candidates, splitMs, fullMs, candidateColumnsPerSecond);
    }

    // The candidate-columns graph batched like the user embedding above (same rows, batch and calls, every
    // core), each row's candidate its own last shop; packing the tensors is timed too, as it is there.
    private static double MeasureCandidateColumns(byte[] graph, IReadOnlyList<FeaturizedRow> requests, int batchSize, int calls)
    {
        using var session = new InferenceSession(graph);
        var batch = Enumerable.Range(0, batchSize).Select(i => requests[i % requests.Count]).ToList();
        void Score()
        {
            var h = PaddedHistories.Pack(batch, batch[0].HistoryTags.Length / Math.Max(1, batch[0].Length), batch[0].Query.Length, batch[0].Profile.Length);
            long[] target = batch.Select(r => r.Length > 0 ? (long)r.HistoryShop[^1] : 0L).ToArray();
            var inputs = new Dictionary<string, OrtValue>
            {
                [DupnGraphNames.HistShop] = OrtValue.CreateTensorValueFromMemory(h.Shop, [h.Batch, h.Steps]),
                [DupnGraphNames.HistCategory] = OrtValue.CreateTensorValueFromMemory(h.Category, [h.Batch, h.Steps]),
                [DupnGraphNames.HistType] = OrtValue.CreateTensorValueFromMemory(h.Type, [h.Batch, h.Steps]),
                [DupnGraphNames.HistScene] = OrtValue.CreateTensorValueFromMemory(h.Scene, [h.Batch, h.Steps]),
                [DupnGraphNames.HistTime] = OrtValue.CreateTensorValueFromMemory(h.Time, [h.Batch, h.Steps]),
                [DupnGraphNames.HistMask] = OrtValue.CreateTensorValueFromMemory(h.Mask, [h.Batch, h.Steps]),
                [DupnGraphNames.TargetShop] = OrtValue.CreateTensorValueFromMemory(target, [h.Batch, 1]),
            };
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputs, [DupnGraphNames.CandidateColumns]);
            foreach (var value in inputs.Values)
                value.Dispose();
        }
        Score();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
            Score();
        return batchSize * calls / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double MeasureMlNet(byte[] userGraph, IReadOnlyList<FeaturizedRow> requests, int rows)
    {
        var info = DupnOnnxModelInfo.Read(userGraph, "The user graph");
        var ml = new MLContext(seed: 0);
        int p = info.HasInput(DupnGraphNames.Profile) ? info.LastDim(DupnGraphNames.Profile) : 0;
        var data = DupnPaddedRows.Load(ml, Enumerable.Range(0, rows).Select(i => requests[i % requests.Count]), info.MaxHistory,
            info.LastDim(DupnGraphNames.HistTags), info.LastDim(DupnGraphNames.Query), p);
        var model = ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = userGraph }).Fit(data);
        var transformed = model.Transform(data);
        long start = Stopwatch.GetTimestamp();
        int count = 0;
        using (var cursor = transformed.GetRowCursor([transformed.Schema[DupnUserEmbeddingOptions.DefaultOutputColumnName]]))
        {
            var getter = cursor.GetGetter<VBuffer<float>>(transformed.Schema[DupnUserEmbeddingOptions.DefaultOutputColumnName]);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                count++;
            }
        }
        return count / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
