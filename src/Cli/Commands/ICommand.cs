using Dupn.MLNet.Cli.CommandLine;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>One `dupn` sub-command.</summary>
public interface ICommand
{
    /// <summary>The word after `dupn`.</summary>
    string Name { get; }

    /// <summary>One line for `dupn --help`.</summary>
    string Summary { get; }

    /// <summary>The flags, for `dupn NAME --help`.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code.</summary>
    int Run(ParsedArguments args, CliContext context);
}
