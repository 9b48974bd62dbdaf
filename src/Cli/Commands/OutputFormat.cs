using System.CommandLine;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`--output-format csv|parquet` of the commands that write a dataset folder (generate, convert).</summary>
internal static class OutputFormat
{
    public static Option<string> Flag() =>
        ChoiceFlag.One("--output-format", "the dataset files written: csv, or parquet (same base names, .parquet)", "csv", "csv", "parquet");

    public static DatasetFileFormat Of(string? value) => value == "parquet" ? DatasetFileFormat.Parquet : DatasetFileFormat.Csv;
}
