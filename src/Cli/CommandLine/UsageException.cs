namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>
/// A mistake in how the tool was called or what it was given (a wrong flag, a missing folder, a
/// malformed dataset). Printed as one line on stderr, with the fix; never with a stack trace
/// unless --verbose.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
