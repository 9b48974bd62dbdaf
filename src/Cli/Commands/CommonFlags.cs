using System.CommandLine;
using Dupn.MLNet.Cli.CommandLine;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>Flags that several commands take with the same meaning; each command gets its own instance.</summary>
internal static class CommonFlags
{
    /// <summary>--model: a model folder written by `dupn train`.</summary>
    public static Option<string?> Model(string description = "a model folder written by `dupn train`") =>
        Flag.ExistingFolder("--model", "MODEL", description, "a model folder written by `dupn train`");

    /// <summary>--data: a dataset folder.</summary>
    public static Option<string?> Data(string description, string what = "a dataset folder") =>
        Flag.ExistingFolder("--data", "DIR", description, what);

    /// <summary>--json: a metrics file to write, merged with what it holds.</summary>
    public static Option<string?> Json(string description) => Flag.Text("--json", "FILE", description);

    /// <summary>--threads: libtorch CPU threads, 0 for one per core.</summary>
    public static Option<int> Threads(string description, int defaultValue) =>
        Flag.Int("--threads", "N", description, defaultValue, min: 0, max: 1024);
}
