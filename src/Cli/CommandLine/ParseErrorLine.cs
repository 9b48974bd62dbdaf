using System.CommandLine;

namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>
/// A failed parse as one line on stderr: "dupn COMMAND: what is wrong with which flag". An unknown
/// word is named as an unknown command, flag or argument, with what the command takes instead.
/// </summary>
internal static class ParseErrorLine
{
    public static string Of(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        bool root = command is RootCommand;
        string who = root ? "dupn" : $"dupn {command.Name}";
        string help = root ? "`dupn --help`" : $"`dupn {command.Name} --help`";
        if (parsed.UnmatchedTokens.Count > 0)
        {
            string token = parsed.UnmatchedTokens[0];
            if (root && !token.StartsWith('-'))
                return $"dupn: unknown command '{token}'. Commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))} (see {help}).";
            if (token.StartsWith('-'))
            {
                string flag = token.Split('=', ':')[0];
                string takes = string.Join(", ", command.Options.Where(o => !o.Hidden).Select(o => o.Name));
                return $"{who}: unknown flag {flag}; this command takes {takes} (see {help}).";
            }
            return $"{who}: unexpected argument '{token}'; flags look like --name value (see {help}).";
        }
        return $"{who}: {parsed.Errors[0].Message}";
    }
}
