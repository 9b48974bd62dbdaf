using System.Globalization;

using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Benchmarks;

/// <summary>What <see cref="DupnEmbeddingBenchmark"/> measured.</summary>
public sealed record DupnBenchmarkResult(
    int HistoryLength,
    double LatencyP50Ms,
    double LatencyP99Ms,
    int ThroughputBatch,
    double BatchedUsersPerSecond,
    double MlNetUsersPerSecond,
    int Candidates,
    double SplitMsPerRequest,
    double FullMsPerRequest,
    double CandidateColumnsRowsPerSecond = double.NaN)
{
    /// <summary>
    /// The candidate columns' cost per row over the user embedding's, both batched through ONNX Runtime
    /// on the same rows (issue #31's goal: at most 2).
    /// </summary>
    public double CandidateColumnsCostRatio => BatchedUsersPerSecond / CandidateColumnsRowsPerSecond;

    /// <summary>Full-graph time over split time for one request of K candidates.</summary>
    public double SplitSpeedup => FullMsPerRequest / SplitMsPerRequest;

    /// <summary>Batched direct ONNX Runtime over ML.NET's one-row-per-call transform.</summary>
    public double BatchedOverMlNet => BatchedUsersPerSecond / MlNetUsersPerSecond;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"""
        user embedding, batch 1, one thread, N = {HistoryLength}: p50 {LatencyP50Ms:F3} ms, p99 {LatencyP99Ms:F3} ms
        batched ONNX Runtime, batch {ThroughputBatch}: {BatchedUsersPerSecond:F0} users/s
        ML.NET DupnUserEmbedding transform (one row per call): {MlNetUsersPerSecond:F0} users/s (batched is {BatchedOverMlNet:F1}x)
        candidate columns, batch {ThroughputBatch}: {CandidateColumnsRowsPerSecond:F0} rows/s ({CandidateColumnsCostRatio:F2}x the embedding's cost per row)
        K = {Candidates} candidates: split {SplitMsPerRequest:F1} ms/request, full {FullMsPerRequest:F1} ms/request, full/split = {SplitSpeedup:F0}x
        """);
}
