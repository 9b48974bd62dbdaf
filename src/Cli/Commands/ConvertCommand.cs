using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Transforms.Conversion;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn convert`: a dataset folder from a public log (Taobao UserBehavior, Tmall IJCAI-15, MovieLens 100K).</summary>
public sealed class ConvertCommand : ICommand
{
    public string Name => "convert";

    public string Summary => "convert a public log (taobao, tmall, movielens) into a dataset folder";

    public string Usage => """
        dupn convert --format taobao|tmall|movielens --in PATH --out DIR [--labels FILE] [--seed S] [--test-fraction F] [--negatives N]
                     [--output-format csv|parquet]

          --format             taobao: UserBehavior.csv (user,item,category,pv|buy|cart|fav,timestamp)
                               tmall: user_log_format1.csv; --labels train_format1.csv adds the shop-preference task
                               movielens: the ml-100k folder (u.data, u.item, u.user)
          --in PATH            the log file (taobao, tmall) or folder (movielens)
          --out DIR            the dataset folder to write
          --labels FILE        tmall only: train_format1.csv (user_id,merchant_id,label)
          --seed S             seed of the negative sampling (default 42)
          --test-fraction F    share of the time span held out as test rows (default 0.2)
          --negatives N        sampled negatives per positive CTR row (default 1)
          --output-format F    csv (default) or parquet: the dataset files written (same names, .parquet)
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string format = args.Choice("format", "", "taobao", "tmall", "movielens");
        if (format.Length == 0)
            throw new UsageException("dupn convert: --format is required (taobao, tmall or movielens).");
        string input = args.ExistingPath("in", format == "movielens" ? "the ml-100k folder" : "the log file");
        string output = args.Required("out", "the dataset folder to write");
        string? labels = format == "tmall" && args.Has("labels") ? args.ExistingPath("labels", "train_format1.csv") : null;
        var options = new ConversionOptions
        {
            Seed = args.Int("seed", 42),
            TestFraction = args.Double("test-fraction", 0.2, min: 0.01, max: 0.9),
            NegativesPerPositive = args.Int("negatives", 1, min: 1, max: 100),
            OutputFormat = args.Choice("output-format", "csv", "csv", "parquet") == "parquet" ? DatasetFileFormat.Parquet : DatasetFileFormat.Csv,
        };
        args.EnsureAllUsed();

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
