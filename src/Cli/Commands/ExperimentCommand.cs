using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Experiments;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Baselines;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn experiment`: the paper's comparisons on one dataset, repeated over seeds, written as Markdown + JSON.</summary>
public sealed class ExperimentCommand : ICommand
{
    public string Name => "experiment";

    public string Summary => "reproduce the paper's comparisons (Table 2, multi- vs single-task, transfer) over seeds";

    public string Usage => """
        dupn experiment --out DIR [--data DIR | --users N] [flags]

          --out DIR          results folder: table2.md/.json, mtl.md + plots, transfer.md/.json
          --data DIR         a dataset folder (e.g. from `dupn convert`); without it the
                             generator writes --users users into DIR/data
          --users N          generated users when --data is absent (default 1000)
          --data-seed S      generator seed (default 42)
          --run LIST         table2,mtl,transfer (default all three)
          --seeds LIST       training seeds, comma-separated (default 1,2,3)
          --epochs E         DUPN epochs (default 3)
          --seq-len N        behaviours kept per history (default 30)
          --variants LIST    DUPN rows of Table 2 (default nobp,bplstm,bpatt,all,w2v; none: baselines only)
          --baselines LIST   baseline rows: wide, wide-deep, dssm, cnn-max, lightgbm
                             (default all; the deep ones in their compact sizes)
          --threads T        libtorch CPU threads (default 1)
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string outDir = Path.GetFullPath(args.Required("out", "the results folder"));
        string? data = args.Has("data") ? args.ExistingDirectory("data", "a dataset folder") : null;
        int users = args.Int("users", 1000, min: 50, max: 10_000_000);
        int dataSeed = args.Int("data-seed", 42);
        var runs = args.List("run", "table2", "mtl", "transfer") ?? ["table2", "mtl", "transfer"];
        var seeds = ParseSeeds(args.Optional("seeds"));
        int epochs = args.Int("epochs", 3, min: 1, max: 1000);
        int seqLen = args.Int("seq-len", 30, min: 1, max: 10_000);
        var variantNames = args.List("variants", "nobp", "bplstm", "bpatt", "all", "w2v", "none") ?? ["nobp", "bplstm", "bpatt", "all", "w2v"];
        if (variantNames.Contains("none") && variantNames.Count > 1)
            throw new UsageException("dupn experiment: --variants none means no DUPN rows and cannot be combined with a variant.");
        var variants = variantNames.Where(v => v != "none").Select(DupnVariantExtensions.ParseVariant).ToArray();
        var baselines = args.Optional("baselines")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        int threads = args.Int("threads", 1, min: 0, max: 1024);
        args.EnsureAllUsed();
        foreach (string name in baselines ?? [])
        {
            if (!BaselineRegistry.Names.Contains(name, StringComparer.Ordinal))
                throw new UsageException($"dupn experiment: --baselines has '{name}'; each item must be one of {string.Join(",", BaselineRegistry.Names)}.");
        }

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

    private static int[] ParseSeeds(string? text)
    {
        if (text is null)
            return [1, 2, 3];
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var seeds = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out seeds[i]))
                throw new UsageException($"dupn experiment: --seeds has '{parts[i]}'; expected whole numbers separated by commas, e.g. 1,2,3.");
        }
        return seeds.Length > 0 ? seeds : throw new UsageException("dupn experiment: --seeds needs at least one seed.");
    }
}
