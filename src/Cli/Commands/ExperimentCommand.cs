using System.CommandLine;
using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Experiments;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Baselines;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn experiment`: the paper's comparisons on one dataset, repeated over seeds, written as Markdown + JSON.</summary>
public sealed class ExperimentCommand : DupnCommand
{
    private static readonly string[] Runs = ["table2", "mtl", "transfer"];
    private static readonly string[] Variants = ["nobp", "bplstm", "bpatt", "all", "w2v"];

    private readonly Option<string?> _out = Flag.Text("--out", "DIR", "results folder: table2.md/.json, mtl.md + plots, transfer.md/.json");
    private readonly Option<string?> _data = CommonFlags.Data("a dataset folder (e.g. from `dupn convert`); without it the generator writes --users users into DIR/data");
    private readonly Option<int> _users = Flag.Int("--users", "N", "generated users when --data is absent", 1000, min: 50, max: 10_000_000);
    private readonly Option<int> _dataSeed = Flag.Int("--data-seed", "S", "generator seed", 42);
    private readonly Option<IReadOnlyList<string>?> _run = ChoiceFlag.List("--run", "LIST", "table2,mtl,transfer (default all three)", Runs);
    private readonly Option<int[]?> _seeds = Flag.Parsed("--seeds", "LIST", "training seeds, comma-separated (default 1,2,3)", ParseSeeds);
    private readonly Option<int> _epochs = Flag.Int("--epochs", "E", "DUPN epochs", 3, min: 1, max: 1000);
    private readonly Option<int> _seqLen = Flag.Int("--seq-len", "N", "behaviours kept per history", 30, min: 1, max: 10_000);
    private readonly Option<IReadOnlyList<string>?> _variants = ChoiceFlag.List("--variants", "LIST",
        "DUPN rows of Table 2 (default nobp,bplstm,bpatt,all,w2v; none: baselines only)", [.. Variants, "none"]);
    private readonly Option<IReadOnlyList<string>?> _baselines = ChoiceFlag.List("--baselines", "LIST",
        "baseline rows: wide, wide-deep, dssm, cnn-max, lightgbm (default all; the deep ones in their compact sizes)", BaselineRegistry.Names);
    private readonly Option<int> _threads = CommonFlags.Threads("libtorch CPU threads", 1);

    public ExperimentCommand() : base("experiment", "reproduce the paper's comparisons (Table 2, multi- vs single-task, transfer) over seeds")
    {
        Required(_out, "the results folder");
        Optional(_data, _users, _dataSeed, _run, _seeds, _epochs, _seqLen, _variants, _baselines, _threads);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string outDir = Path.GetFullPath(parsed.GetValue(_out)!);
        string? data = parsed.GetValue(_data);
        int users = parsed.GetValue(_users);
        int dataSeed = parsed.GetValue(_dataSeed);
        var runs = parsed.GetValueIfGiven(_run) ?? Runs;
        var seeds = parsed.GetValueIfGiven(_seeds) ?? [1, 2, 3];
        int epochs = parsed.GetValue(_epochs);
        int seqLen = parsed.GetValue(_seqLen);
        var variantNames = parsed.GetValueIfGiven(_variants) ?? Variants;
        if (variantNames.Contains("none") && variantNames.Count > 1)
            throw new UsageException("dupn experiment: --variants none means no DUPN rows and cannot be combined with a variant.");
        var variants = variantNames.Where(v => v != "none").Select(DupnVariantExtensions.ParseVariant).ToArray();
        var baselines = parsed.GetValueIfGiven(_baselines);
        int threads = parsed.GetValue(_threads);

        Directory.CreateDirectory(outDir);
        var o = context.Out;
        if (data is null)
        {
            data = Path.Combine(outDir, "data");
            var summary = TaobaoLikeGenerator.Generate(data, new TaobaoLikeGeneratorOptions { Users = users, Seed = dataSeed });
            o.WriteLine($"Generated {users} users (seed {dataSeed}), {summary.Behaviors} behaviours, into {data}");
        }
        var settings = new ExperimentSettings { Seeds = seeds, Epochs = epochs, SeqLen = seqLen, Threads = threads };
        o.WriteLine(settings.Describe());

        if (runs.Contains("table2"))
        {
            o.WriteLine("Table 2:");
            var result = Table2Experiment.Run(data, settings, variants, baselines, o);
            File.WriteAllText(Path.Combine(outDir, "table2.md"), Table2Experiment.ToMarkdown(result));
            File.WriteAllText(Path.Combine(outDir, "table2.json"), Table2Experiment.ToJson(result));
            o.WriteLine(Table2Experiment.ToMarkdown(result));
        }
        if (runs.Contains("mtl"))
        {
            o.WriteLine("Multi-task vs single-task:");
            var result = MultiTaskExperiment.Run(data, settings, o);
            var plots = MultiTaskExperiment.DrawPlots(result, outDir);
            File.WriteAllText(Path.Combine(outDir, "mtl.md"), MultiTaskExperiment.ToMarkdown(result, plots));
            o.WriteLine(MultiTaskExperiment.ToMarkdown(result, plots));
        }
        if (runs.Contains("transfer"))
        {
            o.WriteLine("Transfer to shop preference:");
            var result = TransferExperiment.Run(data, settings, o);
            File.WriteAllText(Path.Combine(outDir, "transfer.md"), TransferExperiment.ToMarkdown(result));
            o.WriteLine(TransferExperiment.ToMarkdown(result));
        }
        o.WriteLine($"Results in {outDir}");
        return 0;
    }

    private static int[] ParseSeeds(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var seeds = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out seeds[i]))
                throw new FormatException($"--seeds has '{parts[i]}'; expected whole numbers separated by commas, e.g. 1,2,3.");
        }
        return seeds.Length > 0 ? seeds : throw new FormatException("--seeds needs at least one seed.");
    }
}
