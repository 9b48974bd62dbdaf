using System.Globalization;
using System.Text.RegularExpressions;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Examples.Tests;

/// <summary>Runs a built example (<c>dotnet examples/Name/bin/.../Name.dll</c>) and reads numbers from what it prints.</summary>
internal static class ExampleRunner
{
    public static string Run(string name, params string[] args)
    {
        string dll = Path.Combine(RepoPaths.Root, "examples", name, "bin", RepoPaths.Configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"{name} was not built into {dll}");
        var (exitCode, stdout, stderr) = Dotnet.Run([dll, .. args]);
        Assert.True(exitCode == 0, $"{name} exited with {exitCode}:\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>The number captured by the first group of <paramref name="pattern"/>; fails naming the pattern when absent.</summary>
    public static double Number(string output, string pattern)
    {
        var match = Regex.Match(output, pattern);
        Assert.True(match.Success, $"'{pattern}' not found in:\n{output}");
        return double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
