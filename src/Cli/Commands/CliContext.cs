using Dupn.MLNet.Cli.Output;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>What every command writes to: standard output, standard error and progress.</summary>
public sealed class CliContext(TextWriter stdout, TextWriter stderr, bool verbose, bool interactive)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    public bool Verbose { get; } = verbose;

    /// <summary>True on a terminal (a live bar); false when redirected (plain periodic lines).</summary>
    public bool Interactive { get; } = interactive;

    public ProgressPrinter Progress(string what, long total) => new(Out, what, total, Interactive);
}
