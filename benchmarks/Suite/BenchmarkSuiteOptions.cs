using Dupn.MLNet.Transforms.Embedding;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// Sizes of <see cref="DupnBenchmarkSuite"/>. The defaults are the issue's (N = 100, batch 1024,
/// 2048² matmuls, K = 10,000, batch 256, about a million behaviours); <see cref="Quick"/> gives
/// tiny sizes that run in seconds (for tests, not for numbers).
/// </summary>
public sealed class BenchmarkSuiteOptions
{
    /// <summary>The section names, in the order they run.</summary>
    public static IReadOnlyList<string> AllSections { get; } = ["training", "featurization", "inference", "split", "scale"];

    /// <summary>Sections to run (default: all).</summary>
    public IReadOnlyList<string> Sections { get; set; } = AllSections;

    /// <summary>Folder for generated datasets (a fresh temporary folder by default; deleted afterwards).</summary>
    public string? WorkFolder { get; set; }

    /// <summary>Users of the dataset used by training, featurisation and inference (12,000 ≈ one million behaviours).</summary>
    public int DatasetUsers { get; set; } = 12_000;

    /// <summary>N, the history length kept (the paper's 100).</summary>
    public int MaxHistory { get; set; } = 100;

    /// <summary>Rows per training step (the paper's 1024).</summary>
    public int TrainBatch { get; set; } = 1024;

    /// <summary>Timed training steps per thread setting.</summary>
    public int TrainSteps { get; set; } = 5;

    /// <summary>Untimed training steps first.</summary>
    public int TrainWarmupSteps { get; set; } = 1;

    /// <summary>Side of the square float32 matmuls that measure the FLOP/s ceiling.</summary>
    public int MatmulSize { get; set; } = 2048;

    /// <summary>libtorch threads for training and batched inference (0: the core count).</summary>
    public int Threads { get; set; }

    /// <summary>
    /// Turn on libtorch's huge-page allocations (THP_MEM_ALLOC_ENABLE=1, <see cref="LibTorchAllocator"/>)
    /// unless the environment already sets it (default true: an easy win measured on this machine).
    /// </summary>
    public bool HugePages { get; set; } = true;

    /// <summary>Sizes of the ONNX Runtime inference and split-serving measurements.</summary>
    public DupnBenchmarkOptions Embedding { get; set; } = new();

    /// <summary>Users per size of the scale section (a quick set by default; the issue's sizes are 10k, 100k and 1M).</summary>
    public IReadOnlyList<int> ScaleUsers { get; set; } = [250, 500, 1000];

    /// <summary>
    /// Train on at most this many rows per size (0: the whole epoch). An epoch at 1M users is about
    /// 18M rows, days on 2 cores; capped, the epoch time is the measured rate times its rows.
    /// </summary>
    public long ScaleTrainRows { get; set; }

    /// <summary>Rows per training step in the scale section's epoch.</summary>
    public int ScaleBatch { get; set; } = 1024;

    /// <summary>Tiny sizes for a run of seconds: checks that every section works, says nothing about speed.</summary>
    public static BenchmarkSuiteOptions Quick() => new()
    {
        DatasetUsers = 120,
        MaxHistory = 20,
        TrainBatch = 16,
        TrainSteps = 2,
        MatmulSize = 128,
        Embedding = new DupnBenchmarkOptions
        {
            LatencyCalls = 20, WarmupCalls = 2, ThroughputBatch = 16, ThroughputCalls = 2, MlNetRows = 16, Candidates = 100, SplitRequests = 1,
        },
        ScaleUsers = [30, 60],
        ScaleBatch = 512,
    };

    /// <summary>Checks the sizes; the message names the bad one.</summary>
    public void Validate()
    {
        foreach (string section in Sections)
            if (!AllSections.Contains(section))
                throw new ArgumentException($"Unknown benchmark section '{section}'; the sections are {string.Join(", ", AllSections)}.");
        void Positive(int value, string name)
        {
            if (value < 1)
                throw new ArgumentException($"BenchmarkSuiteOptions.{name} must be positive; it is {value}.");
        }
        Positive(DatasetUsers, nameof(DatasetUsers));
        Positive(MaxHistory, nameof(MaxHistory));
        Positive(TrainBatch, nameof(TrainBatch));
        Positive(TrainSteps, nameof(TrainSteps));
        Positive(MatmulSize, nameof(MatmulSize));
        Positive(ScaleBatch, nameof(ScaleBatch));
        if (Threads < 0)
            throw new ArgumentException($"BenchmarkSuiteOptions.Threads must be 0 (core count) or positive; it is {Threads}.");
        if (ScaleTrainRows < 0)
            throw new ArgumentException($"BenchmarkSuiteOptions.ScaleTrainRows must be 0 (whole epoch) or positive; it is {ScaleTrainRows}.");
        if (ScaleUsers.Count == 0 || ScaleUsers.Any(u => u < 1))
            throw new ArgumentException($"BenchmarkSuiteOptions.ScaleUsers must list positive user counts; it is [{string.Join(", ", ScaleUsers)}].");
    }
}
