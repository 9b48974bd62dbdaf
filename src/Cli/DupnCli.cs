using System.Reflection;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Cli.Commands;

namespace Dupn.MLNet.Cli;

/// <summary>The `dupn` entry point, callable in-process by tests.</summary>
public static class DupnCli
{
    /// <summary>Every command, in the order `dupn --help` lists them.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } = BuildCommands();

    public static string Version =>
        typeof(DupnCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        bool verbose = args.Contains("--verbose");
        args = args.Where(a => a != "--verbose").ToArray();
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintHelp(stdout);
            return args.Length == 0 ? 2 : 0;
        }
        if (args[0] == "--version")
        {
            stdout.WriteLine(Version);
            return 0;
        }

        ICommand? command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command == null)
        {
            stderr.WriteLine($"dupn: unknown command '{args[0]}'. Commands: {string.Join(", ", Commands.Select(c => c.Name))} (see `dupn --help`).");
            return 2;
        }
        if (args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            stdout.WriteLine($"dupn {command.Name}: {command.Summary}");
            stdout.WriteLine();
            stdout.WriteLine(command.Usage);
            return 0;
        }

        var context = new CliContext(stdout, stderr, verbose, interactive);
        try
        {
            var parsed = new ParsedArguments(command.Name, args.Skip(1).ToArray());
            return command.Run(parsed, context);
        }
        catch (UsageException e)
        {
            stderr.WriteLine(e.Message);
            return 2;
        }
        catch (Exception e) when (!verbose && IsUserFacing(e))
        {
            stderr.WriteLine($"dupn {command.Name}: {e.Message}");
            return 1;
        }
        catch (Exception e) when (verbose)
        {
            stderr.WriteLine($"dupn {command.Name}: {e}");
            return 1;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"dupn {command.Name}: unexpected {e.GetType().Name}: {e.Message} (run again with --verbose for the stack trace).");
            return 1;
        }
    }

    // Errors whose message already names the thing and the fix (bad data, bad options, missing files).
    private static bool IsUserFacing(Exception e) =>
        e is InvalidDataException or FormatException or ArgumentException or IOException or UnauthorizedAccessException
            or InvalidOperationException or KeyNotFoundException;

    private static void PrintHelp(TextWriter stdout)
    {
        stdout.WriteLine($"dupn {Version}: universal user representations from behaviour sequences (DUPN) for .NET");
        stdout.WriteLine();
        stdout.WriteLine("Usage: dupn <command> [flags]   (dupn <command> --help for its flags; --verbose for stack traces)");
        stdout.WriteLine();
        int width = Commands.Max(c => c.Name.Length);
        foreach (var command in Commands)
            stdout.WriteLine($"  {command.Name.PadRight(width)}  {command.Summary}");
    }

    private static IReadOnlyList<ICommand> BuildCommands() =>
    [
        new GenerateCommand(), new ConvertCommand(), new TrainCommand(), new EvaluateCommand(), new BaselinesCommand(),
        new CompareCommand(), new TransferCommand(), new ExportCommand(), new EmbedCommand(), new ReportCommand(), new BenchCommand(), new DemoCommand(),
        new ExperimentCommand(),
    ];
}
