namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>
/// A mistake in how the tool was called that only shows once the command runs: flags that parse but
/// do not go together (--learner lightgbm with --protocol ft), or a dataset that lacks what the
/// flags ask of it. Printed as one line on stderr, with the fix, and exit code 2, like the parse
/// errors (<see cref="ParseErrorLine"/>); never with a stack trace.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
