using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.EndToEnd.Tests;

/// <summary>
/// `dotnet tool install` of the packed `dupn` tool from a local feed, then the installed command runs.
/// The tool is packed per platform (ToolPackageRuntimeIdentifiers); here only for this machine's
/// RID, into a private artifacts folder so the repository's own build outputs are not touched.
/// </summary>
public class ToolInstallTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void PackedToolInstallsFromALocalFeedAndItsCommandsRun()
    {
        using var temp = RepoPaths.NewTempDir();
        string feed = Path.Combine(temp.Path, "feed"), tools = Path.Combine(temp.Path, "tools"), data = Path.Combine(temp.Path, "data");
        string rid = RuntimeInformation.RuntimeIdentifier;
        var clock = Stopwatch.StartNew();

        var (exitCode, stdout, stderr) = Dotnet.Run("pack", Path.Combine(RepoPaths.Root, "src", "Cli", "Dupn.MLNet.Cli.csproj"),
            "-c", RepoPaths.Configuration, "-o", feed, "--artifacts-path", Path.Combine(temp.Path, "artifacts"), "-nologo",
            "-p:PackDupnTool=true", $"-p:ToolPackageRuntimeIdentifiers={rid}");
        Assert.True(exitCode == 0, $"dotnet pack failed ({exitCode}): {stdout}\n{stderr}");
        double packSeconds = clock.Elapsed.TotalSeconds;

        // The pointer package (what users name) and this platform's package, which carries the tool.
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(2, packages.Length);
        Assert.Matches(@"^Dupn\.MLNet\.Cli\.\d+\.\d+\.\d+.*\.nupkg$", packages[0]);
        Assert.StartsWith($"Dupn.MLNet.Cli.{rid}.", packages[1]);
        string platformPackage = Path.Combine(feed, packages[1]!);
        long bytes = new FileInfo(platformPackage).Length;
        using (var zip = ZipFile.OpenRead(platformPackage))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains(entries, e => e.EndsWith("/dupn.dll", StringComparison.Ordinal));
            Assert.Contains(entries, e => e.Contains("torch_cpu", StringComparison.Ordinal));
            // No other platform's natives, and none of libtorch's Python binding or test plugins.
            Assert.DoesNotContain(entries, e => e.Contains("/runtimes/", StringComparison.Ordinal) && !e.Contains($"/runtimes/{rid}/", StringComparison.Ordinal));
            Assert.DoesNotContain(entries, e => e.Contains("torch_python", StringComparison.Ordinal) || e.Contains("_test.", StringComparison.Ordinal));
            output.WriteLine($"{packages[1]}: {bytes / 1e6:F0} MB packed, {zip.Entries.Sum(e => e.Length) / 1e6:F0} MB unpacked, {entries.Length} files; packed in {packSeconds:F0} s");
        }
        // nuget.org takes packages up to 250 MB.
        Assert.True(bytes < 250_000_000, $"{packages[1]} is {bytes / 1e6:F0} MB");

        // A private package folder: the global one may hold an older build of the same version.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(temp.Path, "packages") };
        (exitCode, stdout, stderr) = Run("dotnet", environment, "tool", "install", "--tool-path", tools, "--add-source", feed, "Dupn.MLNet.Cli");
        Assert.True(exitCode == 0, $"dotnet tool install failed ({exitCode}): {stdout}\n{stderr}");
        Assert.Contains("dupn", stdout);

        string dupn = Path.Combine(tools, OperatingSystem.IsWindows() ? "dupn.exe" : "dupn");
        (exitCode, stdout, stderr) = Run(dupn, null, "--help");
        Assert.True(exitCode == 0, $"dupn --help failed ({exitCode}): {stdout}\n{stderr}");
        foreach (string command in new[] { "generate", "train", "evaluate", "export", "embed", "demo" })
            Assert.Contains(command, stdout);

        (exitCode, stdout, stderr) = Run(dupn, null, "generate", "--out", data, "--users", "30", "--seed", "3");
        Assert.True(exitCode == 0, $"dupn generate failed ({exitCode}): {stdout}\n{stderr}");
        Assert.Contains("Generated 30 users", stdout);
        Assert.True(File.Exists(Path.Combine(data, "behaviors.csv")));

        // libtorch loads from the installed tool: one short training run.
        (exitCode, stdout, stderr) = Run(dupn, null, "train", "--data", data, "--out", Path.Combine(temp.Path, "model"),
            "--tasks", "ctr", "--epochs", "1", "--seq-len", "10", "--threads", "1");
        Assert.True(exitCode == 0, $"dupn train failed ({exitCode}): {stdout}\n{stderr}");
        Assert.True(File.Exists(Path.Combine(temp.Path, "model", "weights.bin")), stdout);
        output.WriteLine($"pack, install, generate and train took {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string fileName, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(HangLimit.ChildProcess))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {HangLimit.Describe()}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
