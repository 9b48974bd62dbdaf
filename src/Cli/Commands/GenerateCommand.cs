using System.CommandLine;
using System.Globalization;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Transforms.Generation;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn generate`: a Taobao-like dataset folder from the deterministic generator.</summary>
public sealed class GenerateCommand : DupnCommand
{
    private readonly Option<string?> _out = Flag.Text("--out", "DIR", "folder to write (created; existing dataset files are replaced)");
    private readonly Option<int> _users = Flag.Int("--users", "N", "users to generate", 1000, min: 1);
    private readonly Option<int> _seed = Flag.Int("--seed", "S", "random seed; the same seed gives the same files", 42);
    private readonly Option<int> _days = Flag.Int("--days", "D", "days of behaviour", 30, min: 1);
    private readonly Option<double> _testFraction = Flag.Double("--test-fraction", "F", "share of the time span held out as test rows", 0.2, min: 0.01, max: 0.9);
    private readonly Option<string> _outputFormat = OutputFormat.Flag();

    public GenerateCommand() : base("generate", "write a Taobao-like dataset folder from the built-in generator")
    {
        Required(_out, "the dataset folder to write");
        Optional(_users, _seed, _days, _testFraction, _outputFormat);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string output = parsed.GetValue(_out)!;
        var options = new TaobaoLikeGeneratorOptions
        {
            Users = parsed.GetValue(_users),
            Seed = parsed.GetValue(_seed),
            Days = parsed.GetValue(_days),
            TestFraction = parsed.GetValue(_testFraction),
            OutputFormat = OutputFormat.Of(parsed.GetValue(_outputFormat)),
        };

        var summary = TaobaoLikeGenerator.Generate(output, options);
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {summary.Users} users, {summary.Behaviors} behaviours into {summary.Folder} in {summary.Elapsed.TotalSeconds:F1} s"));
        foreach (var (file, rows) in summary.TaskRows.OrderBy(p => p.Key, StringComparer.Ordinal))
            context.Out.WriteLine($"  {file,-22} {rows,10} rows");
        return 0;
    }
}
