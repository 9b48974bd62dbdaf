using System.Globalization;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Runtime;
using static TorchSharp.torch;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// Every stage's speed against its reference, measured in one run (what `dupn bench` prints):
/// training FLOP/s against the large-matmul ceiling, featurisation against reading the CSV,
/// ONNX Runtime against TorchSharp and ML.NET's row path, split against full serving, and cost
/// against data size. Each measurement is reported as soon as it is taken.
/// </summary>
public static class DupnBenchmarkSuite
{
    /// <summary>The issue's featurisation goal on 2 cores, behaviours/s.</summary>
    public const double FeaturizationGoal = 200_000;

    /// <summary>The issue's goal for achieved training FLOP/s over the matmul ceiling.</summary>
    public const double TrainingFractionGoal = 0.3;

    /// <summary>The issue's goal for the batch-1 p50 latency, ms.</summary>
    public const double LatencyGoalMs = 2.0;

    /// <summary>Issue #31's goal: the candidate columns cost at most this many times the batched embedding per row.</summary>
    public const double CandidateColumnsGoal = 2.0;

    /// <summary>The issue's goal for full-graph over split time at K candidates.</summary>
    public const double SplitGoal = 100;

    /// <summary>Runs the sections of <paramref name="options"/>; <paramref name="report"/> gets each measurement as it is taken, <paramref name="progress"/> what is being done.</summary>
    public static BenchmarkReport Run(BenchmarkSuiteOptions options, Action<BenchmarkMeasurement>? report = null, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var started = DateTime.UtcNow;
        // Before libtorch's first allocation: huge-page backed activations (see LibTorchAllocator).
        string hugePages = options.HugePages ? LibTorchAllocator.EnableHugePages() : Environment.GetEnvironmentVariable(LibTorchAllocator.HugePagesVariable) ?? "";
        TorchNative.EnsureLoadable();
        var machine = MachineInfo.Read(get_num_threads(), hugePages);
        int threads = options.Threads > 0 ? options.Threads : machine.Cores;
        var measurements = new List<BenchmarkMeasurement>();
        void Add(BenchmarkMeasurement m)
        {
            measurements.Add(m);
            report?.Invoke(m);
        }
        void Say(string text) => progress?.Invoke(text);
        bool Wants(string section) => options.Sections.Contains(section);

        string work = options.WorkFolder ?? Path.Combine(Path.GetTempPath(), $"dupn-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        bool ownWork = !Directory.Exists(work);
        Directory.CreateDirectory(work);
        try
        {
            var featurizerOptions = new BehaviorFeaturizerOptions { MaxHistory = options.MaxHistory };
            string data = Path.Combine(work, "data");
            BehaviorFeaturizer? featurizer = null;
            List<FeaturizedRow>? rows = null;
            if (Wants("training") || Wants("featurization") || Wants("inference") || Wants("split"))
            {
                Say($"generating {options.DatasetUsers:N0} users into {data}");
                TaobaoLikeGenerator.Generate(data, new TaobaoLikeGeneratorOptions { Users = options.DatasetUsers });
            }
            if (Wants("training") || Wants("inference") || Wants("split"))
            {
                Say("featurising the ctr train rows");
                featurizer = BehaviorFeaturizer.Fit(Dataset.Open(data), featurizerOptions);
                // Enough rows for 4 distinct training batches and the inference calls, not the whole split:
                // holding every padded row of a million-behaviour log would measure memory, not speed.
                var e = options.Embedding;
                int needed = Math.Max(4 * options.TrainBatch, Math.Max(e.ThroughputBatch, Math.Max(e.LatencyCalls, e.MlNetRows)));
                rows = FullHistoryRows(featurizer, data, options.MaxHistory, needed);
                if (rows.Count == 0)
                    throw new InvalidOperationException($"The generated dataset of {options.DatasetUsers} users has no ctr train rows; raise the dataset size.");
            }

            if (Wants("training"))
                Training(options, featurizer!, rows!, machine, threads, Add, Say);
            set_num_threads(threads);
            if (Wants("featurization"))
                Featurization(data, featurizerOptions, Add, Say);
            if (Wants("inference") || Wants("split"))
                Inference(options, featurizer!, rows!, Candidates(featurizer!, data, options.Embedding.Candidates), threads, Wants("inference"), Wants("split"), Add, Say);
            if (Wants("scale"))
                Scale(options, work, featurizerOptions, Add, Say);
        }
        finally
        {
            set_num_threads(machine.TorchThreadsDefault);
            if (ownWork && Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
        return new BenchmarkReport(machine, threads, started, measurements);
    }

    private static void Training(BenchmarkSuiteOptions options, BehaviorFeaturizer featurizer, List<FeaturizedRow> rows, MachineInfo machine,
        int threads, Action<BenchmarkMeasurement> add, Action<string> say)
    {
        var architecture = BenchmarkArchitecture.For(featurizer);
        int n = options.MatmulSize;
        say($"matmul ceiling: {n}x{n} float32 on 1 thread");
        set_num_threads(1);
        double single = MatmulCeiling.Measure(n, repeats: 3);
        add(new("training", "libtorch threads by default (torch.get_num_threads)", machine.TorchThreadsDefault, "threads",
            machine.TorchThreadsDefault / (double)machine.Cores, "default threads / cores"));
        // The easy win to check: libtorch's default, every core, and one thread (no OpenMP hand-offs).
        foreach (int k in new[] { machine.TorchThreadsDefault, threads, 1 }.Distinct())
        {
            set_num_threads(k);
            say($"matmul ceiling on {k} threads");
            double ceiling = MatmulCeiling.Measure(n);
            add(new("training", $"matmul ceiling {n}x{n} float32, {k} threads", ceiling / 1e9, "GFLOP/s",
                ceiling / single, $"{k} threads / 1 thread"));
            say($"training DUPN-all, N = {options.MaxHistory}, batch {options.TrainBatch}, {k} threads: {options.TrainWarmupSteps} + {options.TrainSteps} steps");
            var result = TrainingBenchmark.Run(architecture, rows, options.TrainBatch, options.TrainSteps, options.TrainWarmupSteps);
            double fraction = result.FlopsPerSecond / ceiling;
            string setting = string.Create(CultureInfo.InvariantCulture, $"N = {options.MaxHistory} (mean padded T {result.MeanSteps:F0}), batch {result.BatchSize}, {k} threads");
            add(new("training", $"DUPN-all train samples/s, {setting}", result.SamplesPerSecond, "samples/s",
                fraction, "of the samples/s the matmul ceiling would allow"));
            add(new("training", $"DUPN-all achieved FLOP/s, {setting}", result.FlopsPerSecond / 1e9, "GFLOP/s",
                fraction, "achieved / matmul ceiling", $">= {TrainingFractionGoal} of the ceiling", fraction >= TrainingFractionGoal));
            add(new("training", $"collation alone (DupnCollator.Collate), batch {result.BatchSize}", result.CollateSamplesPerSecond, "rows/s",
                result.CollateSamplesPerSecond / result.SamplesPerSecond, "collate rows/s / train samples/s"));
        }
    }

    private static void Featurization(string data, BehaviorFeaturizerOptions featurizerOptions, Action<BenchmarkMeasurement> add, Action<string> say)
    {
        say("featurisation: fit, index the log, join every ctr/l2r row");
        var result = BehaviorFeaturizationBenchmark.Run(data, featurizerOptions);
        add(new("featurization", $"CSV -> padded sequences ({result.Behaviors:N0} behaviours, {result.Rows:N0} ctr/l2r rows)", result.BehaviorsPerSecond,
            "behaviours/s", result.BehaviorsPerSecond / result.ReadOnlyBehaviorsPerSecond, "of reading the CSV lines alone",
            $">= {FeaturizationGoal:N0} behaviours/s", result.BehaviorsPerSecond >= FeaturizationGoal));
        add(new("featurization", "CSV -> padded sequences per CPU-second", result.BehaviorsPerCpuSecond, "behaviours/CPU-s",
            result.BehaviorsPerSecond / result.BehaviorsPerCpuSecond, "wall rate / CPU rate (cores kept busy)"));
        // Where the time goes (a stopwatch per stage): indexing is one pass on one thread; the join
        // parses the task files on one thread and joins batches on the others.
        add(new("featurization", "stage: index the log (parse + encode + per-user sort)", result.Behaviors / result.IndexSeconds, "behaviours/s",
            result.IndexSeconds / (result.IndexSeconds + result.TransformSeconds), "share of the featurisation wall time"));
        add(new("featurization", $"stage: read the ctr/l2r rows and join ({result.HistorySteps:N0} history steps)", result.Rows / result.TransformSeconds, "rows/s",
            result.TransformSeconds / (result.IndexSeconds + result.TransformSeconds), "share of the featurisation wall time"));
        add(new("featurization", "reading the behaviours CSV lines alone (reference)", result.ReadOnlyBehaviorsPerSecond, "behaviours/s",
            result.ReadOnlyBehaviorsPerSecond / FeaturizationGoal, "of the 200,000/s goal"));
        // Parquet input (issue #32 item 5): the same log and validation, read from a Parquet copy.
        add(new("featurization", $"read the behaviours with validation: CSV ({result.CsvBytes / 1048576.0:F1} MiB)", result.CsvReadBehaviorsPerSecond, "behaviours/s",
            result.CsvReadBehaviorsPerSecond / result.ReadOnlyBehaviorsPerSecond, "of reading the CSV lines alone"));
        add(new("featurization", $"read the behaviours with validation: Parquet ({result.ParquetBytes / 1048576.0:F1} MiB)", result.ParquetReadBehaviorsPerSecond, "behaviours/s",
            result.ParquetReadBehaviorsPerSecond / result.CsvReadBehaviorsPerSecond, "Parquet / CSV read",
            ">= the CSV read", result.ParquetReadBehaviorsPerSecond >= result.CsvReadBehaviorsPerSecond));
        add(new("featurization", "stage: index the log from Parquet", result.Behaviors / result.ParquetIndexSeconds, "behaviours/s",
            result.IndexSeconds / result.ParquetIndexSeconds, "Parquet / CSV index rate"));
    }

    // The paper's dimensions mean full histories (N behaviours): the first rows of a log are its
    // earliest and have short histories, which would time a much smaller network. Rows with N
    // behaviours are kept (streaming, so only they are held); if the log has too few, the rest are
    // the first others.
    private static List<FeaturizedRow> FullHistoryRows(BehaviorFeaturizer featurizer, string data, int maxHistory, int needed)
    {
        var full = new List<FeaturizedRow>(needed);
        var others = new List<FeaturizedRow>();
        foreach (var row in featurizer.TransformStream(Dataset.Open(data), DupnTask.Ctr, DatasetSplit.Train))
        {
            if (row.Length == maxHistory)
            {
                full.Add(row);
                if (full.Count == needed)
                    break;
            }
            else if (others.Count < needed)
            {
                others.Add(row);
            }
        }
        full.AddRange(others.OrderByDescending(r => r.Length).Take(needed - full.Count));
        return full;
    }

    // Candidates come from the l2r rows: they carry the ranking features the L2R head scores (ctr rows have none).
    private static List<DupnCandidate> Candidates(BehaviorFeaturizer featurizer, string data, int count)
    {
        var pool = featurizer.TransformStream(Dataset.Open(data), DupnTask.L2r, DatasetSplit.Train)
            .Take(count).Select(DupnCandidate.FromRow).ToList();
        if (pool.Count == 0)
            throw new InvalidOperationException("The generated dataset has no l2r train rows to draw split-serving candidates from; raise the dataset size.");
        return Enumerable.Range(0, count).Select(i => pool[i % pool.Count]).ToList();
    }

    private static void Inference(BenchmarkSuiteOptions options, BehaviorFeaturizer featurizer, List<FeaturizedRow> rows,
        List<DupnCandidate> candidates, int threads,
        bool inference, bool split, Action<BenchmarkMeasurement> add, Action<string> say)
    {
        var architecture = BenchmarkArchitecture.For(featurizer);
        manual_seed(3);
        using var network = new DupnNetwork(architecture);
        network.eval();
        var weights = network.ToStateDict();
        say("exporting the user, items and full ONNX graphs");
        byte[] user = DupnOnnxExporter.ExportBytes(architecture, weights, DupnGraphKind.User);
        byte[] items = DupnOnnxExporter.ExportBytes(architecture, weights, DupnGraphKind.Items);
        byte[] full = DupnOnnxExporter.ExportBytes(architecture, weights, DupnGraphKind.Full);
        var e = options.Embedding;
        say($"ONNX Runtime: latency, batch {e.ThroughputBatch}, ML.NET rows, split vs full at K = {e.Candidates:N0}");
        // The candidate columns read the property-gated history counts, which the trainer's default
        // architecture has (and the paper's, measured above, has not): a network of that architecture.
        byte[] candidateColumns;
        using (var withCounts = new DupnNetwork(DupnArchitectureFactory.FromFeaturizer(featurizer, architecture.Tasks)))
            candidateColumns = DupnCandidateColumnsExporter.ExportBytes(withCounts.Architecture, withCounts.ToStateDict(), ShopCatalog.Fit(featurizer, rows).CategoryOfShop);
        var onnx = DupnEmbeddingBenchmark.Run(user, items, full, rows, candidates, e, candidateColumns);

        if (inference)
        {
            say("TorchSharp: the same network and rows in eval mode");
            var torchResult = TorchInferenceBenchmark.Run(network, rows, e.LatencyCalls, e.WarmupCalls, e.ThroughputBatch, e.ThroughputCalls, threads);
            int n = onnx.HistoryLength;
            double meanLength = rows.Take(e.LatencyCalls).Average(r => r.Length);
            add(new("inference", string.Create(CultureInfo.InvariantCulture, $"ONNX Runtime user embedding p50, batch 1, one thread, N = {n} (mean history {meanLength:F0})"), onnx.LatencyP50Ms, "ms",
                torchResult.LatencyP50Ms / onnx.LatencyP50Ms, "TorchSharp p50 / ONNX Runtime p50", $"p50 <= {LatencyGoalMs} ms", onnx.LatencyP50Ms <= LatencyGoalMs));
            add(new("inference", $"ONNX Runtime user embedding p99, batch 1, one thread, N = {n}", onnx.LatencyP99Ms, "ms",
                onnx.LatencyP99Ms / onnx.LatencyP50Ms, "p99 / p50"));
            add(new("inference", $"ONNX Runtime users/s, batch {onnx.ThroughputBatch}", onnx.BatchedUsersPerSecond, "users/s",
                onnx.BatchedUsersPerSecond / torchResult.BatchedUsersPerSecond, "ONNX Runtime / TorchSharp"));
            add(new("inference", "TorchSharp user embedding p50, batch 1, one thread (eval, no grad)", torchResult.LatencyP50Ms, "ms",
                torchResult.LatencyP50Ms / onnx.LatencyP50Ms, "TorchSharp / ONNX Runtime"));
            add(new("inference", $"TorchSharp users/s, batch {torchResult.BatchSize}, {threads} threads", torchResult.BatchedUsersPerSecond, "users/s",
                torchResult.BatchedUsersPerSecond / onnx.BatchedUsersPerSecond, "TorchSharp / ONNX Runtime"));
            add(new("inference", "ML.NET DupnUserEmbedding transform users/s (row by row)", onnx.MlNetUsersPerSecond, "users/s",
                onnx.BatchedOverMlNet, $"batched ONNX Runtime (batch {onnx.ThroughputBatch}) / ML.NET row path"));
            add(new("inference", $"ONNX Runtime candidate columns rows/s, batch {onnx.ThroughputBatch}", onnx.CandidateColumnsRowsPerSecond, "rows/s",
                onnx.CandidateColumnsCostRatio, "candidate columns' cost per row / the user embedding's", $"cost ratio <= {CandidateColumnsGoal}",
                onnx.CandidateColumnsCostRatio <= CandidateColumnsGoal));
        }
        if (split)
        {
            add(new("split", $"split serving, one request of K = {onnx.Candidates:N0} candidates (history {rows[0].Length})", onnx.SplitMsPerRequest, "ms/request",
                onnx.SplitSpeedup, "full graph time / split time", $"full / split >= {SplitGoal}", onnx.SplitSpeedup >= SplitGoal));
            add(new("split", $"full graph, one request of K = {onnx.Candidates:N0} candidates", onnx.FullMsPerRequest, "ms/request",
                onnx.SplitSpeedup, "full graph time / split time"));
        }
    }

    private static void Scale(BenchmarkSuiteOptions options, string work, BehaviorFeaturizerOptions featurizerOptions,
        Action<BenchmarkMeasurement> add, Action<string> say)
    {
        ScaleStepResult? first = null;
        foreach (int users in options.ScaleUsers.Order())
        {
            say($"scale: {users:N0} users (generate + featurise + one ctr epoch, batch {options.ScaleBatch})");
            var r = ScaleBenchmark.RunOne(users, Path.Combine(work, $"scale-{users}"), options.ScaleBatch, featurizerOptions, options.ScaleTrainRows);
            first ??= r;
            double perUser = r.TotalSeconds / r.Users, firstPerUser = first.TotalSeconds / first.Users;
            string what = $"scale {users:N0} users ({r.Behaviors:N0} behaviours, {r.EpochRows:N0} ctr train rows)";
            string baseline = $"per user vs {first.Users:N0} users (1 = linear)";
            string epoch = r.EpochExtrapolated ? $"one ctr epoch (rate of {r.TrainRows:N0} rows x {r.EpochRows:N0} rows)" : "one ctr epoch";
            add(new("scale", $"{what}: generate + featurise + epoch", r.TotalSeconds, "s", perUser / firstPerUser, "time " + baseline));
            add(new("scale", $"{what}: generate", r.GenerateSeconds, "s", r.GenerateSeconds / r.TotalSeconds, "share of the total"));
            add(new("scale", $"{what}: featurise", r.FeaturizeSeconds, "s", r.FeaturizeSeconds / r.TotalSeconds, "share of the total"));
            add(new("scale", $"{what}: {epoch}", r.EpochSeconds, "s", r.EpochSeconds / r.TotalSeconds, "share of the total"));
            add(new("scale", $"{what}: peak working set{(r.PeakIsPerSize ? "" : " (since process start)")}", r.PeakMiB, "MiB",
                r.PeakMiB / first.PeakMiB * first.Users / r.Users, "peak memory " + baseline));
        }
    }
}
