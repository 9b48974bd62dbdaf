using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Transforms.Generation;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn generate`: a Taobao-like dataset folder from the deterministic generator.</summary>
public sealed class GenerateCommand : ICommand
{
    public string Name => "generate";

    public string Summary => "write a Taobao-like dataset folder from the built-in generator";

    public string Usage => """
        dupn generate --out DIR [--users N] [--seed S] [--days D] [--test-fraction F] [--output-format csv|parquet]

          --out DIR            folder to write (created; existing dataset files are replaced)
          --users N            users to generate (default 1000)
          --seed S             random seed (default 42); the same seed gives the same files
          --days D             days of behaviour (default 30)
          --test-fraction F    share of the time span held out as test rows (default 0.2)
          --output-format F    csv (default) or parquet: the dataset files written (same names, .parquet)
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string output = args.Required("out", "the dataset folder to write");
        var options = new TaobaoLikeGeneratorOptions
        {
            Users = args.Int("users", 1000, min: 1),
            Seed = args.Int("seed", 42),
            Days = args.Int("days", 30, min: 1),
            TestFraction = args.Double("test-fraction", 0.2, min: 0.01, max: 0.9),
            OutputFormat = args.Choice("output-format", "csv", "csv", "parquet") == "parquet" ? DatasetFileFormat.Parquet : DatasetFileFormat.Csv,
        };
        args.EnsureAllUsed();

        var summary = TaobaoLikeGenerator.Generate(output, options);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {summary.Users} users, {summary.Behaviors} behaviours into {summary.Folder} in {summary.Elapsed.TotalSeconds:F1} s"));
        foreach (var (file, rows) in summary.TaskRows.OrderBy(p => p.Key, StringComparer.Ordinal))
            context.Out.WriteLine($"  {file,-22} {rows,10} rows");
        return 0;
    }
}
