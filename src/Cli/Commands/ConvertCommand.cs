using System.CommandLine;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Transforms.Conversion;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn convert`: a dataset folder from a public log (Taobao UserBehavior, Tmall IJCAI-15, MovieLens 100K).</summary>
public sealed class ConvertCommand : DupnCommand
{
    private readonly Option<string?> _format = ChoiceFlag.OneOrNone("--format",
        "taobao: UserBehavior.csv (user,item,category,pv|buy|cart|fav,timestamp); tmall: user_log_format1.csv, and --labels train_format1.csv adds the shop-preference task; movielens: the ml-100k folder (u.data, u.item, u.user)",
        "taobao", "tmall", "movielens");
    private readonly Option<string?> _in = Flag.Text("--in", "PATH", "the log file (taobao, tmall) or folder (movielens)");
    private readonly Option<string?> _out = Flag.Text("--out", "DIR", "the dataset folder to write");
    private readonly Option<string?> _labels = Flag.ExistingPath("--labels", "FILE", "tmall only: train_format1.csv (user_id,merchant_id,label)", "train_format1.csv");
    private readonly Option<int> _seed = Flag.Int("--seed", "S", "seed of the negative sampling", 42);
    private readonly Option<double> _testFraction = Flag.Double("--test-fraction", "F", "share of the time span held out as test rows", 0.2, min: 0.01, max: 0.9);
    private readonly Option<int> _negatives = Flag.Int("--negatives", "N", "sampled negatives per positive CTR row", 1, min: 1, max: 100);
    private readonly Option<string> _outputFormat = OutputFormat.Flag();
    private readonly Option<bool> _genrePreference = Flag.Switch("--genre-preference",
        "movielens only: also write genre preference as shop_pref (a transfer task; each behaviour's shop becomes its film's first genre)");

    public ConvertCommand() : base("convert", "convert a public log (taobao, tmall, movielens) into a dataset folder")
    {
        Required(_format, "taobao, tmall or movielens");
        Required(_in, "the log file or the ml-100k folder");
        Required(_out, "the dataset folder to write");
        Optional(_labels, _seed, _testFraction, _negatives, _outputFormat, _genrePreference);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string format = parsed.GetValue(_format)!;
        string input = parsed.GetValue(_in)!;
        if (!File.Exists(input) && !Directory.Exists(input))
            throw new UsageException($"dupn convert: --in '{input}' does not exist; give the path of {(format == "movielens" ? "the ml-100k folder" : "the log file")}.");
        string output = parsed.GetValue(_out)!;
        string? labels = parsed.GetValue(_labels);
        if (labels is not null && format != "tmall")
            throw new UsageException($"dupn convert: --labels applies to --format tmall, not {format}.");
        var options = new ConversionOptions
        {
            Seed = parsed.GetValue(_seed),
            TestFraction = parsed.GetValue(_testFraction),
            NegativesPerPositive = parsed.GetValue(_negatives),
            GenrePreference = parsed.GetValue(_genrePreference),
            OutputFormat = OutputFormat.Of(parsed.GetValue(_outputFormat)),
        };
        if (options.GenrePreference && format != "movielens")
            throw new UsageException($"dupn convert: --genre-preference applies to --format movielens, not {format} (the other logs have shops).");

        ConversionSummary summary = format switch
        {
            "taobao" => TaobaoUserBehaviorConverter.Convert(RequireFile(input, "UserBehavior.csv"), output, options),
            "tmall" => TmallRepeatBuyersConverter.Convert(RequireFile(input, "user_log_format1.csv"), labels, output, options),
            _ => MovieLensConverter.Convert(RequireFolder(input), output, options),
        };
        context.Out.WriteLine($"Converted {summary.InputRows} input rows into {summary.Behaviors} behaviours in {summary.Folder}");
        foreach (var (file, rows) in summary.TaskRows.OrderBy(p => p.Key, StringComparer.Ordinal))
            context.Out.WriteLine($"  {file,-22} {rows,10} rows");
        foreach (var (reason, count) in summary.Skipped)
            context.Out.WriteLine($"  skipped {count} input rows: {reason}");
        foreach (string note in summary.NotDerived)
            context.Out.WriteLine($"  not derived: {note}");
        return 0;
    }

    private static string RequireFile(string path, string what) =>
        File.Exists(path) ? path : throw new UsageException($"dupn convert: --in '{path}' is a folder; give the path of {what}.");

    private static string RequireFolder(string path) =>
        Directory.Exists(path) ? path : throw new UsageException($"dupn convert: --in '{path}' is a file; give the ml-100k folder (with u.data, u.item, u.user).");
}
