
namespace Dupn.MLNet.Cli.Tests.Commands;

/// <summary>Runs `dupn` in-process, as the console would, capturing both streams.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = DupnCli.Run(args, stdout, stderr, interactive: false);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
