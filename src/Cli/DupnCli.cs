using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Dupn.MLNet.Cli.CommandLine;

namespace Dupn.MLNet.Cli;

/// <summary>The `dupn` entry point, callable in-process by tests.</summary>
public static class DupnCli
{
    public static string Version =>
        typeof(DupnCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// Parses <paramref name="args"/>, runs the command and returns the exit code: 0 done, 1 the
    /// command failed (its error on one line), 2 the tool was called wrongly (one line naming the flag).
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var root = new DupnRootCommand(interactive);
        // No response files: a value such as --name @me stays the value it was before System.CommandLine.
        var parsed = root.Parse(HelpWord(args), new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is ParseErrorAction)
        {
            stderr.WriteLine(ParseErrorLine.Of(parsed));
            return 2;
        }

        bool verbose = parsed.GetValue(root.Verbose);
        string name = parsed.CommandResult.Command.Name;
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (!verbose && IsUserFacing(e))
        {
            stderr.WriteLine($"dupn {name}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (verbose)
        {
            stderr.WriteLine($"dupn {name}: {e}");
            return 1;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"dupn {name}: unexpected {e.GetType().Name}: {e.Message} (run again with --verbose for the stack trace).");
            return 1;
        }
    }

    // `dupn help` and `dupn help COMMAND` are `dupn --help` and `dupn COMMAND --help`.
    private static string[] HelpWord(string[] args) =>
        args is ["help", .. var rest] ? [.. rest, "--help"] : args;

    // Errors whose message already names the thing and the fix (bad data, bad options, missing files).
    private static bool IsUserFacing(Exception e) =>
        e is InvalidDataException or FormatException or ArgumentException or IOException or UnauthorizedAccessException
            or InvalidOperationException or KeyNotFoundException;
}
