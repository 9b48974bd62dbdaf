using System.CommandLine;
using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Benchmarks;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>
/// `dupn bench`: the speed of every stage as a number and as a ratio to its reference measured in
/// the same run (<see cref="DupnBenchmarkSuite"/>); BENCHMARKS.md records a run.
/// </summary>
public sealed class BenchCommand : DupnCommand
{
    /// <summary>Above this 1-minute load average the machine is shared and the numbers measure the neighbours too.</summary>
    private const double QuietLoad = 3.0;

    private readonly Option<bool> _quick = Flag.Switch("--quick", "tiny sizes, seconds (checks that everything runs; the numbers mean nothing)");
    private readonly Option<string?> _json = CommonFlags.Json("also write the results as JSON (machine, threads, every measurement)");
    private readonly Option<IReadOnlyList<string>?> _sections = ChoiceFlag.List("--sections", "LIST",
        $"comma-separated subset of {string.Join(",", BenchmarkSuiteOptions.AllSections)} (default all)", [.. BenchmarkSuiteOptions.AllSections]);
    private readonly Option<int[]?> _scale = Flag.Parsed("--scale", "USERS,...",
        "user counts of the scale section (default 250,500,1000; the issue's: 10000,100000,1000000)", ParseUsers);
    private readonly Option<int> _scaleTrainRows = Flag.Int("--scale-train-rows", "R",
        "train on at most R rows per size; the epoch time is then the measured rate x its rows (0: the whole epoch; 1M users is ~18M rows, days on 2 cores)", 0, min: 0);
    private readonly Option<int> _threads = CommonFlags.Threads("libtorch threads for training and batched inference (0: the core count)", 0);
    private readonly Option<int?> _users = Flag.OptionalInt("--users", "N", "users of the dataset for training/featurisation/inference (default 12000, ~1M behaviours)", min: 1);
    private readonly Option<int?> _batch = Flag.OptionalInt("--batch", "B", "training batch (default 1024, the paper's)", min: 1);
    private readonly Option<int?> _steps = Flag.OptionalInt("--steps", "S", "timed training steps per thread setting (default 5)", min: 1);
    private readonly Option<int?> _candidates = Flag.OptionalInt("--candidates", "K", "candidates of the split-serving request (default 10000)", min: 1);
    private readonly Option<string?> _work = Flag.Text("--work", "DIR", "folder for the generated datasets (default: a temporary folder, deleted afterwards)");
    private readonly Option<bool> _noHugePages = Flag.Switch("--no-huge-pages", "leave libtorch's allocator as it is (default: THP_MEM_ALLOC_ENABLE=1 unless already set)");

    public BenchCommand() : base("bench", "measure training, featurisation, inference, split serving and scale against their ceilings")
    {
        Optional(_quick, _json, _sections, _scale, _scaleTrainRows, _threads, _users, _batch, _steps, _candidates, _work, _noHugePages);
    }

    public override string Notes => """
        Sections, each printed as a number and a ratio to a reference from the same run:
          training       DUPN-all samples/s at N = 100, batch 1024; analytic FLOP/s / large-matmul FLOP/s (goal >= 0.3)
          featurization  behaviours/s from CSV to padded sequences (goal >= 200,000/s); ratio to reading the CSV alone;
                         reading the log with validation from CSV and from a Parquet copy (goal: Parquet >= CSV)
          inference      user embedding p50/p99 at batch 1 on one thread (goal p50 <= 2 ms), users/s at batch 256;
                         ONNX Runtime / TorchSharp; batched / ML.NET row-by-row
          split          one request of K candidates, full graph / split (goal >= 100x)
          scale          time and peak working set of generate + featurise + one ctr epoch per size

        Measure on a quiet machine (1-minute load average below 3). On a shared machine run with
        OMP_WAIT_POLICY=PASSIVE: libtorch's spinning OpenMP threads otherwise fight the neighbours.
        """;

    public override int Run(ParseResult parsed, CliContext context)
    {
        bool quick = parsed.GetValue(_quick);
        var options = quick ? BenchmarkSuiteOptions.Quick() : new BenchmarkSuiteOptions();
        string? json = parsed.GetValue(_json);
        if (parsed.GetValueIfGiven(_sections) is { } sections)
            options.Sections = sections;
        if (parsed.GetValueIfGiven(_scale) is { } scale)
            options.ScaleUsers = scale;
        options.Threads = parsed.GetValue(_threads);
        options.DatasetUsers = parsed.GetValue(_users) ?? options.DatasetUsers;
        options.TrainBatch = parsed.GetValue(_batch) ?? options.TrainBatch;
        options.TrainSteps = parsed.GetValue(_steps) ?? options.TrainSteps;
        options.Embedding.Candidates = parsed.GetValue(_candidates) ?? options.Embedding.Candidates;
        options.WorkFolder = parsed.GetValue(_work);
        options.HugePages = !parsed.GetValue(_noHugePages);
        options.ScaleTrainRows = parsed.GetValue(_scaleTrainRows);

        double load = MachineInfo.LoadAverage();
        if (load > QuietLoad)
        {
            string hint = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null
                ? " (and OMP_WAIT_POLICY=PASSIVE is unset: spinning libtorch threads make it worse)."
                : ".";
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"WARNING: the 1-minute load average is {load:F1} (> {QuietLoad}): other work shares the CPUs and these numbers are not valid measurements{hint}"));
        }
        if (quick)
            context.Out.WriteLine("--quick: tiny sizes that check every section runs; the numbers say nothing about speed.");

        string? section = null;
        var report = DupnBenchmarkSuite.Run(options,
            m =>
            {
                if (m.Section != section)
                {
                    section = m.Section;
                    context.Out.WriteLine();
                    context.Out.WriteLine($"== {section} ==");
                }
                context.Out.WriteLine("  " + m);
            },
            what =>
            {
                if (context.Verbose)
                    context.Out.WriteLine($"  ... {what}");
            });

        var machine = report.Machine;
        context.Out.WriteLine();
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"machine: {machine.Cores} cores ({machine.CpuModel}), {machine.MemoryMiB:N0} MiB, load average {machine.LoadAverage1:F2} at start; libtorch threads: default {machine.TorchThreadsDefault}, used {report.Threads}; OMP_WAIT_POLICY={(machine.OmpWaitPolicy.Length == 0 ? "(unset)" : machine.OmpWaitPolicy)}; THP_MEM_ALLOC_ENABLE={(machine.HugePages.Length == 0 ? "(unset)" : machine.HugePages)}"));
        int missed = report.Measurements.Count(m => m.GoalMet == false);
        context.Out.WriteLine($"{report.Measurements.Count} measurements; goals met {report.Measurements.Count(m => m.GoalMet == true)}, missed {missed}.");
        if (json != null)
        {
            string temp = json + ".tmp-" + Environment.ProcessId;
            File.WriteAllText(temp, report.ToJson());
            File.Move(temp, json, overwrite: true);
            context.Out.WriteLine($"Wrote {json}");
        }
        return 0;
    }

    private static int[] ParseUsers(string text)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
            throw new FormatException("--scale needs at least one user count, e.g. --scale 10000,100000.");
        return items.Select(item => int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out int users) && users > 0
            ? users
            : throw new FormatException($"--scale has '{item}'; each item must be a positive whole number of users.")).ToArray();
    }
}
