using System.Diagnostics;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.EndToEnd.Tests;

/// <summary>
/// An application that references only Dupn.MLNet.Transforms must run where libtorch is absent:
/// nothing of TorchSharp or libtorch may reach its output folder.
/// </summary>
public class ScoreOnlyAppTests
{
    private static string OutputFolder => Path.Combine(RepoPaths.Root, "examples", "ScoreOnly", "bin", RepoPaths.Configuration, "net10.0");

    [Fact]
    public void OutputFolderHoldsNoLibTorchOrTorchSharp()
    {
        Assert.True(File.Exists(Path.Combine(OutputFolder, "ScoreOnly.dll")), $"ScoreOnly was not built into {OutputFolder}");
        string[] torchFiles = Directory.GetFiles(OutputFolder, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(name => name!.Contains("torch", StringComparison.OrdinalIgnoreCase) || name.StartsWith("libc10", StringComparison.Ordinal))
            .ToArray()!;
        Assert.Empty(torchFiles);
    }

    [Fact]
    public void RunsAndLoadsMlNetAndOnnxRuntime()
    {
        var (exitCode, stdout, stderr) = RunDotnet(Path.Combine(OutputFolder, "ScoreOnly.dll"));
        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        Assert.Contains("ONNX Runtime 1.", stdout);
    }

    internal static (int ExitCode, string Stdout, string Stderr) RunDotnet(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in 5 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
