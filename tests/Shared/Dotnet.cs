using System.Diagnostics;

namespace Dupn.MLNet.Tests;

/// <summary>Runs <c>dotnet</c> as a child process, with the suite's hang limit.</summary>
internal static class Dotnet
{
    /// <summary>
    /// Runs <c>dotnet ARGS</c> and returns its exit code and output; a run past
    /// <see cref="HangLimit.ChildProcess"/> is killed and reported with what it printed so far.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Run(string[])"/>, with <paramref name="environment"/> set for the child.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HangLimit.ChildProcess))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in {HangLimit.Describe()}; output so far:\n{stdout.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
