using System.CommandLine;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn evaluate`: a trained model's held-out metrics on a dataset's test files.</summary>
public sealed class EvaluateCommand : DupnCommand
{
    private readonly Option<string?> _model = CommonFlags.Model();
    private readonly Option<string?> _data = CommonFlags.Data("a dataset folder with <task>.test.csv files");
    private readonly Option<string?> _json = CommonFlags.Json("write (merge) the metrics into FILE under the model's name");
    private readonly Option<string?> _name = Flag.Text("--name", "NAME", "the model's name in the JSON and table (default dupn-<variant>)");
    private readonly Option<string?> _predictions = Flag.Text("--predictions", "DIR",
        "also write each task's test predictions, row by row, to DIR/NAME.TASK.csv, for `dupn compare` against another model's");

    public EvaluateCommand() : base("evaluate", "evaluate a trained model on the test files of a dataset")
    {
        Required(_model, "a model folder written by `dupn train`");
        Required(_data, "a dataset folder");
        Optional(_json, _name, _predictions);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string modelPath = parsed.GetValue(_model)!;
        string dataPath = parsed.GetValue(_data)!;
        string? json = parsed.GetValue(_json);
        string? name = parsed.GetValue(_name);
        string? predictions = parsed.GetValue(_predictions);

        var model = DupnModel.Load(modelPath);
        name ??= model.Architecture.Variant.ModelName();
        if (predictions is not null)
            Directory.CreateDirectory(predictions);
        var metrics = ModelComparison.Evaluate(model, Dataset.Open(dataPath), predictions, name);
        if (metrics.Count == 0)
            throw new UsageException($"dupn evaluate: {dataPath} has no test file of the model's tasks ({string.Join(", ", model.Architecture.Tasks)}).");
        foreach (var m in metrics)
            context.Out.WriteLine($"  {m}");
        ModelComparison.PrintTable(context.Out, new Dictionary<string, List<TaskMetrics>> { [name] = metrics });
        if (json is not null)
            MetricsJson.Write(json, new Dictionary<string, IReadOnlyList<TaskMetrics>> { [name] = metrics });
        return 0;
    }
}
