using System.Diagnostics;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// The user embedding served straight from TorchSharp (the reference ONNX Runtime is compared
/// with): the same network in eval mode, the same featurised rows, collation inside the timing.
/// </summary>
public static class TorchInferenceBenchmark
{
    /// <summary>Batch-1 latency on one thread, then users/s at <paramref name="batchSize"/> on <paramref name="threads"/> threads.</summary>
    public static TorchInferenceResult Run(DupnNetwork network, IReadOnlyList<FeaturizedRow> requests, int latencyCalls, int warmupCalls,
        int batchSize, int batchedCalls, int threads)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
            throw new ArgumentException("The inference benchmark needs at least one request row.", nameof(requests));
        if (latencyCalls < 1 || batchSize < 1 || batchedCalls < 1 || threads < 1)
            throw new ArgumentException($"Latency calls ({latencyCalls}), batch size ({batchSize}), batched calls ({batchedCalls}) and threads ({threads}) must be positive.");
        var collator = new DupnCollator(network.Architecture);
        network.eval();
        int before = get_num_threads();
        try
        {
            set_num_threads(1);
            for (int i = 0; i < warmupCalls; i++)
                Embed(network, collator, [requests[i % requests.Count]]);
            var latencies = new double[latencyCalls];
            for (int i = 0; i < latencies.Length; i++)
            {
                var row = requests[i % requests.Count];
                long start = Stopwatch.GetTimestamp();
                Embed(network, collator, [row]);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Array.Sort(latencies);

            set_num_threads(threads);
            var batch = Enumerable.Range(0, batchSize).Select(i => requests[i % requests.Count]).ToList();
            Embed(network, collator, batch);
            long clock = Stopwatch.GetTimestamp();
            for (int i = 0; i < batchedCalls; i++)
                Embed(network, collator, batch);
            double perSecond = batchSize * (double)batchedCalls / Stopwatch.GetElapsedTime(clock).TotalSeconds;
            return new TorchInferenceResult(Percentile(latencies, 0.50), Percentile(latencies, 0.99), batchSize, perSecond, threads);
        }
        finally
        {
            set_num_threads(before);
        }
    }

    private static void Embed(DupnNetwork network, DupnCollator collator, IReadOnlyList<FeaturizedRow> rows)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var batch = collator.Collate(rows);
        var user = network.forward(batch);
        // Reading the values back is part of serving (ONNX Runtime's scorer copies them out too).
        _ = user.Rep.contiguous().data<float>().ToArray();
    }

    internal static double Percentile(double[] sorted, double q) =>
        sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))];
}
