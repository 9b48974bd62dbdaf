using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Dupn.MLNet.Cli.Commands;

namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>
/// `dupn` itself: the commands, --verbose for every one of them, generated --help (with each
/// command's notes under it), --version, and System.CommandLine's [suggest] directive for tab completion.
/// </summary>
public sealed class DupnRootCommand : RootCommand
{
    /// <summary>Stack traces on errors; accepted before or after the command.</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "print the stack trace of an error", Recursive = true };

    /// <param name="interactive">True on a terminal: help wraps at its width, progress is a live bar.</param>
    public DupnRootCommand(bool interactive = false)
        : base($"dupn {DupnCli.Version}: universal user representations from behaviour sequences (DUPN) for .NET")
    {
        Options.Add(Verbose);
        var help = Options.OfType<HelpOption>().Single();
        var printHelp = new HelpWithNotes((HelpAction)help.Action!, interactive);
        help.Action = printHelp;
        Options.OfType<VersionOption>().Single().Action = new PrintVersion();
        foreach (var command in CreateCommands())
        {
            command.SetAction(parsed => command.Run(parsed,
                new CliContext(parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, parsed.GetValue(Verbose), interactive)));
            Subcommands.Add(command);
        }
        // `dupn` alone: the list of commands, and a non-zero exit (nothing was done).
        SetAction(parsed =>
        {
            printHelp.Invoke(parsed);
            return 2;
        });
    }

    // The commands, in the order `dupn --help` lists them.
    private static IEnumerable<DupnCommand> CreateCommands() =>
    [
        new GenerateCommand(), new ConvertCommand(), new TrainCommand(), new EvaluateCommand(), new BaselinesCommand(),
        new CompareCommand(), new TransferCommand(), new ExportCommand(), new EmbedCommand(), new ReportCommand(), new BenchCommand(), new DemoCommand(),
        new ExperimentCommand(),
    ];

    // The generated help, then the command's notes (what its flags' values mean together).
    private sealed class HelpWithNotes(HelpAction help, bool interactive) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            help.MaxWidth = interactive && !Console.IsOutputRedirected && Console.WindowWidth > 40 ? Console.WindowWidth : 100;
            int code = help.Invoke(parseResult);
            if (parseResult.CommandResult.Command is DupnCommand { Notes: { } notes })
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine(notes.TrimEnd());
                output.WriteLine();
            }
            return code;
        }
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(DupnCli.Version);
            return 0;
        }
    }
}
