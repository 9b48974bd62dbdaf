using System.Diagnostics;
using System.Text;

namespace Dupn.MLNet.Cli.Tests.Reliability;

/// <summary>
/// A `dotnet` child process whose output is collected in the background, so that a test can watch
/// the files it writes, kill it (SIGKILL on Linux) at a moment of its choosing, or wait for it.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>dotnet <paramref name="assembly"/> <paramref name="args"/></c>.</summary>
    public static ChildProcess StartDotnet(string assembly, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"dotnet {assembly} did not start."));
    }

    /// <summary>Everything the child wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the child the hard way (SIGKILL on Linux: no finally block, no flush) and waits until it is gone.</summary>
    public void KillHard()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own between the caller's check and the kill.
        }
        _process.WaitForExit();
    }

    /// <summary>Waits for the child to end on its own and returns its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            KillHard();
            throw new TimeoutException($"The child process did not finish in {timeout.TotalSeconds:F0} s. Its output:\n{Output}");
        }
        _process.WaitForExit(); // drains the asynchronous output readers
        return _process.ExitCode;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false when the child exits or time runs out first.</summary>
    public bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
                return true;
            if (_process.HasExited)
                return condition();
            Thread.Sleep(5);
        }
        return false;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            KillHard();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
