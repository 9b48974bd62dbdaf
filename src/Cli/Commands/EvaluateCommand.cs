using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Output;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn evaluate`: a trained model's held-out metrics on a dataset's test files.</summary>
public sealed class EvaluateCommand : ICommand
{
    public string Name => "evaluate";

    public string Summary => "evaluate a trained model on the test files of a dataset";

    public string Usage => """
        dupn evaluate --model MODEL --data DIR [--json FILE] [--name NAME] [--predictions DIR]

          --model MODEL   a model folder written by `dupn train`
          --data DIR      a dataset folder with <task>.test.csv files
          --json FILE     write (merge) the metrics into FILE under the model's name
          --name NAME     the model's name in the JSON and table (default dupn-<variant>)
          --predictions DIR  also write each task's test predictions, row by row, to
                          DIR/NAME.TASK.csv, for `dupn compare` against another model's
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string modelPath = args.ExistingDirectory("model", "a model folder written by `dupn train`");
        string dataPath = args.ExistingDirectory("data", "a dataset folder");
        string? json = args.Optional("json");
        string? name = args.Optional("name");
        string? predictions = args.Optional("predictions");
        args.EnsureAllUsed();

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
