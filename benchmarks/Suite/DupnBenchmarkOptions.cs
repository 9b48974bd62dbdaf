using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Benchmarks;

/// <summary>Sizes of <see cref="DupnEmbeddingBenchmark"/>; the defaults are the (K = 10,000 candidates, batch 256).</summary>
public sealed class DupnBenchmarkOptions
{
    /// <summary>Timed single-row calls for the latency percentiles (after <see cref="WarmupCalls"/>).</summary>
    public int LatencyCalls { get; set; } = 300;
    public int WarmupCalls { get; set; } = 20;
    /// <summary>Rows per call for the batched throughput.</summary>
    public int ThroughputBatch { get; set; } = 256;
    /// <summary>Timed batched calls.</summary>
    public int ThroughputCalls { get; set; } = 10;
    /// <summary>Rows pushed through the ML.NET transform (one session call per row).</summary>
    public int MlNetRows { get; set; } = 500;
    /// <summary>K, candidates per request for split versus full.</summary>
    public int Candidates { get; set; } = 10_000;
    /// <summary>Requests timed for split versus full (the full graph is slow: it runs the user part K times).</summary>
    public int SplitRequests { get; set; } = 2;
}
