using System.CommandLine;
using Dupn.MLNet.Cli.Commands;

namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>
/// One `dupn` sub-command: its flags (System.CommandLine options, declared by the subclass), a line
/// for `dupn --help`, optional notes printed under its generated `--help`, and what it runs.
/// </summary>
public abstract class DupnCommand : Command
{
    private readonly List<(Option Option, string What)> _required = [];

    protected DupnCommand(string name, string summary) : base(name, summary)
    {
        // One message per missing flag, saying what it is: clearer than a bare "is required".
        Validators.Add(result =>
        {
            foreach (var (option, what) in _required)
            {
                if (result.GetResult(option) is null)
                    result.AddError($"{option.Name} is required ({what}).");
            }
        });
    }

    /// <summary>Text printed after the generated `--help` (what the flags' values mean together); null when none.</summary>
    public virtual string? Notes => null;

    /// <summary>Runs the command on its parsed flags; returns the process exit code.</summary>
    public abstract int Run(ParseResult parsed, CliContext context);

    /// <summary>Adds flags that may be left out.</summary>
    protected void Optional(params Option[] options)
    {
        foreach (var option in options)
            Options.Add(option);
    }

    /// <summary>Adds a flag that must be given; <paramref name="what"/> says what it is in the error when it is not.</summary>
    protected void Required(Option option, string what)
    {
        option.Description += " (required)";
        Options.Add(option);
        _required.Add((option, what));
    }
}
