using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Report;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn report`: the paper's pictures from the user's own model (HTML with PNG plots).</summary>
public sealed class ReportCommand : ICommand
{
    public string Name => "report";

    public string Summary => "write an HTML report with plots (training curves, attention, PPP levels, results)";

    public string Usage => """
        dupn report --model MODEL --data DIR --out DIR [--metrics FILE]

          --model MODEL    a model folder written by `dupn train`
          --data DIR       the dataset to explain (its test rows are the requests)
          --out DIR        where index.html and the PNGs go
          --metrics FILE   a metrics JSON from evaluate/baselines/demo: adds the results table
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string modelPath = args.ExistingDirectory("model", "a model folder written by `dupn train`");
        string dataPath = args.ExistingDirectory("data", "a dataset folder");
        string output = args.Required("out", "the report folder to write");
        string? metricsPath = args.Has("metrics") ? args.ExistingPath("metrics", "a metrics JSON file") : null;
        args.EnsureAllUsed();

        var model = DupnModel.Load(modelPath);
        var dataset = Dataset.Open(dataPath);
        Dictionary<string, List<TaskMetrics>>? comparison = null;
        if (metricsPath is not null)
        {
            comparison = Output.MetricsJson.Read(metricsPath)
                .Where(m => !m.Key.StartsWith("transfer-", StringComparison.Ordinal))
                .ToDictionary(m => m.Key, m => m.Value.Select(t => new TaskMetrics(t.Key, (int)t.Value.GetValueOrDefault("n"))
                {
                    Auc = t.Value.TryGetValue("auc", out double auc) ? auc : null,
                    Accuracy = t.Value.TryGetValue("accuracy", out double accuracy) ? accuracy : null,
                    LogLoss = t.Value.TryGetValue("logloss", out double logLoss) ? logLoss : null,
                }).ToList());
        }
        var result = ReportWriter.Write(ReportBuilder.Build(model, modelPath, dataset, comparison), output);
        context.Out.WriteLine($"Wrote {result.IndexPath} with {result.Images.Count} plots");
        foreach (string missing in result.MissingSections)
            context.Out.WriteLine($"  not drawn (no data): {missing}");
        return 0;
    }
}
