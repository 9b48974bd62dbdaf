using System.CommandLine;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Report;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn report`: the paper's pictures from the user's own model (HTML with PNG plots).</summary>
public sealed class ReportCommand : DupnCommand
{
    private readonly Option<string?> _model = CommonFlags.Model();
    private readonly Option<string?> _data = CommonFlags.Data("the dataset to explain (its test rows are the requests)");
    private readonly Option<string?> _out = Flag.Text("--out", "DIR", "where index.html and the PNGs go");
    private readonly Option<string?> _metrics = Flag.ExistingPath("--metrics", "FILE", "a metrics JSON from evaluate/baselines/demo: adds the results table", "a metrics JSON file");

    public ReportCommand() : base("report", "write an HTML report with plots (training curves, attention, PPP levels, results)")
    {
        Required(_model, "a model folder written by `dupn train`");
        Required(_data, "a dataset folder");
        Required(_out, "the report folder to write");
        Optional(_metrics);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string modelPath = parsed.GetValue(_model)!;
        string dataPath = parsed.GetValue(_data)!;
        string output = parsed.GetValue(_out)!;
        string? metricsPath = parsed.GetValue(_metrics);

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
