using Dupn.MLNet.Benchmarks;
using Dupn.MLNet.Transforms.Embedding;
using static Dupn.MLNet.Transforms.Tests.Embedding.EmbeddingFixture;

namespace Dupn.MLNet.Cli.Tests.Bench;

/// <summary>The benchmark runs end to end at small sizes and measures what the paper's split claims.</summary>
public sealed class DupnEmbeddingBenchmarkTests
{
    [Fact]
    public void SmallRunReportsEveryNumberAndSplitBeatsFull()
    {
        var requests = Rows(8, seed: 13);
        var candidates = Rows(300, seed: 14).Select(DupnCandidate.FromRow).ToList();
        var result = DupnEmbeddingBenchmark.Run(UserGraph, ItemsGraph, FullGraph, requests, candidates, new DupnBenchmarkOptions
        {
            LatencyCalls = 40, WarmupCalls = 3, ThroughputBatch = 32, ThroughputCalls = 3, MlNetRows = 40, Candidates = 300, SplitRequests = 2,
        });
        Assert.Equal(N, result.HistoryLength);
        Assert.InRange(result.LatencyP50Ms, 0.001, 1000);
        Assert.True(result.LatencyP99Ms >= result.LatencyP50Ms);
        Assert.True(result.BatchedUsersPerSecond > 0 && result.MlNetUsersPerSecond > 0);
        // The full graph runs the user part for each of the 300 candidates, the split once.
        Assert.True(result.SplitSpeedup > 2, $"split {result.SplitMsPerRequest} ms vs full {result.FullMsPerRequest} ms");
        Assert.Contains("full/split", result.ToString());

        var error = Assert.Throws<ArgumentException>(() => DupnEmbeddingBenchmark.Run(UserGraph, ItemsGraph, FullGraph, requests, candidates.Take(10).ToList(), new DupnBenchmarkOptions { Candidates = 300 }));
        Assert.Contains("needs 300 candidates", error.Message);
    }
}
