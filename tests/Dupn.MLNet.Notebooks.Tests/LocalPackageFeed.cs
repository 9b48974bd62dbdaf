using System.Diagnostics;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>
/// Packs the four libraries once per test run into a temporary folder feed, with a version of
/// their own: NuGet caches packages by id and version, so reusing 0.1.0 would let a notebook load
/// a stale copy of the code under test.
/// </summary>
public sealed class LocalPackageFeed : IDisposable
{
    public LocalPackageFeed()
    {
        Folder = Path.Combine(Path.GetTempPath(), "dupn-feed-" + Guid.NewGuid().ToString("N")[..10]);
        Version = $"0.1.0-nbtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Directory.CreateDirectory(Folder);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "pack", Path.Combine(RepoPaths.Root, "Dupn.MLNet.sln"), "--no-build", "-c", RepoPaths.Configuration,
                     "-o", Folder, $"-p:PackageVersion={Version}" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || Directory.GetFiles(Folder, "*.nupkg").Length != 4)
            throw new InvalidOperationException($"dotnet pack into {Folder} failed ({process.ExitCode}):\n{stdout}\n{stderr}");
    }

    /// <summary>The folder holding the .nupkg files.</summary>
    public string Folder { get; }

    /// <summary>The package version the notebooks are pointed at.</summary>
    public string Version { get; }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
