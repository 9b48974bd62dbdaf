using System.Diagnostics;
using System.Globalization;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet;
using Dupn.MLNet.Benchmarks;

// Dupn.MLNet benchmarks (by hand; `dupn bench` is the full suite with ratios, see BENCHMARKS.md). Commands:
//   featurize [--behaviors 1000000] [--folder PATH]  generate a Taobao-like log of about that many
//       behaviours (unless PATH already holds one), then time Fit, indexing the log (parse + encode),
//       and the point-in-time featurisation of every ctr and l2r row; prints behaviours/s.
//   featurize-partitioned [--behaviors N] [--partitions 8] [--folder PATH]  the same join with memory
//       bounded by one partition of the log (TransformPartitioned); prints throughput and peak memory.
//   generate [--users 10000] [--folder PATH]          time the generator.
//   read [--behaviors 1000000] [--repeat 3] [--folder PATH]  read the log with validation from CSV and
//       from a Parquet copy (written beside it once), alternating, each --repeat times.
string command = args.Length > 0 ? args[0] : "featurize";
long Option(string name, long fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
string FolderOption(string fallback)
{
    int i = Array.IndexOf(args, "--folder");
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

switch (command)
{
    case "featurize":
        Featurize(Option("--behaviors", 1_000_000), FolderOption(Path.Combine(Path.GetTempPath(), "dupn-bench-featurize")));
        return 0;
    case "featurize-partitioned":
        FeaturizePartitioned(Option("--behaviors", 1_000_000), (int)Option("--partitions", 8), FolderOption(Path.Combine(Path.GetTempPath(), "dupn-bench-featurize")));
        return 0;
    case "read":
        Read(Option("--behaviors", 1_000_000), (int)Option("--repeat", 3), FolderOption(Path.Combine(Path.GetTempPath(), "dupn-bench-featurize")));
        return 0;
    case "generate":
        Generate((int)Option("--users", 10_000), FolderOption(Path.Combine(Path.GetTempPath(), "dupn-bench-generate")));
        return 0;
    default:
        Console.Error.WriteLine($"Unknown command '{command}'. Commands: featurize [--behaviors N] [--folder PATH], generate [--users N] [--folder PATH].");
        return 2;
}

static void Generate(int users, string folder)
{
    var summary = TaobaoLikeGenerator.Generate(folder, new TaobaoLikeGeneratorOptions { Users = users });
    Console.WriteLine($"generate: {summary.Users:N0} users, {summary.Behaviors:N0} behaviours, {summary.TaskRows.Values.Sum():N0} task rows in {summary.Elapsed.TotalSeconds:F2} s -> {folder}");
}

static void EnsureGenerated(long behaviors, string folder)
{
    if (!File.Exists(Path.Combine(folder, DatasetSchema.BehaviorsFile)))
    {
        // The generator writes about 84 behaviours per user with its defaults.
        var generated = TaobaoLikeGenerator.Generate(folder, new TaobaoLikeGeneratorOptions { Users = (int)Math.Max(1, behaviors / 84) });
        Console.WriteLine($"generated {generated.Behaviors:N0} behaviours of {generated.Users:N0} users in {generated.Elapsed.TotalSeconds:F2} s");
    }
}

static void FeaturizePartitioned(long behaviors, int partitions, string folder)
{
    EnsureGenerated(behaviors, folder);
    var featurizer = BehaviorFeaturizer.Fit(Dataset.Open(folder));
    var dataset = Dataset.Open(folder);
    var clock = Stopwatch.StartNew();
    long rows = 0, steps = 0;
    foreach (var row in featurizer.TransformPartitioned(dataset, DupnTask.Ctr, DatasetSplit.Train, partitions))
    {
        rows++;
        steps += row.Length;
    }
    long logBehaviors = dataset.Report.ReadRows[dataset.BehaviorsPath];
    Console.WriteLine($"partitioned ({partitions}) ctr.train: {logBehaviors:N0} log behaviours, {rows:N0} rows, {steps:N0} history steps in {clock.Elapsed.TotalSeconds:F2} s = {logBehaviors / clock.Elapsed.TotalSeconds:N0} log behaviours/s");
    Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB");
}

static void Read(long behaviors, int repeat, string folder)
{
    EnsureGenerated(behaviors, folder);
    string csv = Dataset.Open(folder).BehaviorsPath;
    string parquet = Path.Combine(folder + "-parquet", DatasetSchema.InFormat(DatasetSchema.BehaviorsFile, DatasetFileFormat.Parquet));
    if (!File.Exists(parquet))
    {
        Directory.CreateDirectory(Path.GetDirectoryName(parquet)!);
        var copy = Stopwatch.StartNew();
        ParquetDatasetWriter.WriteBehaviors(Dataset.Open(folder).Behaviors(), parquet);
        Console.WriteLine($"wrote {parquet} in {copy.Elapsed.TotalSeconds:F2} s");
    }
    Console.WriteLine($"CSV {new FileInfo(csv).Length / 1048576.0:F1} MiB, Parquet {new FileInfo(parquet).Length / 1048576.0:F1} MiB");
    for (int run = 0; run < repeat; run++)
    {
        foreach (string path in new[] { csv, parquet })
        {
            // CPU time beside wall time: on a shared machine the wall clock also counts the neighbours.
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            int gcs = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            long rows = BehaviorFeaturizationBenchmark.ReadBehaviors(path);
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            Console.WriteLine($"  {Path.GetFileName(path),-18} {rows:N0} behaviours in {wall:F3} s = {rows / wall:N0}/s (CPU {(process.TotalProcessorTime - cpu).TotalSeconds:F3} s, {GC.CollectionCount(0) - gcs} gen-0 GCs)");
        }
    }
}

static void Featurize(long behaviors, string folder)
{
    // The measurement itself lives in the library (BehaviorFeaturizationBenchmark), shared with `dupn bench`.
    EnsureGenerated(behaviors, folder);
    var result = BehaviorFeaturizationBenchmark.Run(folder);
    Console.WriteLine($"featurize (fit apart; index the log + featurise every ctr/l2r row): {result}");
    Console.WriteLine($"  {result.BehaviorsPerCpuSecond:N0} behaviours per CPU-second; reading the CSV lines alone: {result.ReadOnlyBehaviorsPerSecond:N0} behaviours/s");
    Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MiB; GC heap now {GC.GetTotalMemory(false) / (1024 * 1024):N0} MiB");
}
