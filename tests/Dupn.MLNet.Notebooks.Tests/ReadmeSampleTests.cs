using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>
/// README's pipeline sample is code a user copies: its two C# blocks become two fresh console apps
/// against the freshly packed packages. The first (Dupn.MLNet.Trainers) pre-trains, fits the pipeline
/// from raw histories and saves one zip; the second (Dupn.MLNet.Transforms alone, no libtorch) loads
/// the zip in another process and scores raw requests.
/// </summary>
public partial class ReadmeSampleTests(LocalPackageFeed feed) : IClassFixture<LocalPackageFeed>
{
    [Fact]
    public void TheTwoBlocksTrainSaveOneZipAndScoreItInAnotherProcess()
    {
        var blocks = CSharpBlocks(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), "## Use it from C#");
        Assert.Equal(2, blocks.Count);
        using var temp = RepoPaths.NewTempDir();
        string work = Directory.CreateDirectory(Path.Combine(temp.Path, "work")).FullName;

        string train = App(temp.Path, "TrainApp", "Dupn.MLNet.Trainers", blocks[0]);
        var (code, stdout, stderr) = DotnetRun(train, work);
        Assert.True(code == 0, $"README's first block failed ({code}):\n{stdout}\n{stderr}");
        Assert.True(File.Exists(Path.Combine(work, "shop-pref.zip")), "README's first block saved no shop-pref.zip");

        string serve = App(temp.Path, "ServeApp", "Dupn.MLNet.Transforms", blocks[1]);
        (code, stdout, stderr) = DotnetRun(serve, work);
        Assert.True(code == 0, $"README's second block failed ({code}):\n{stdout}\n{stderr}");
        var scores = ScoreLine().Matches(stdout).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(scores.Length == 3, $"expected three scored requests:\n{stdout}");
        Assert.All(scores, p => Assert.InRange(p, 0, 1));
        // The serving app carries no libtorch: the zip alone (ONNX inside) scored the requests.
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(serve, "bin"), "*", SearchOption.AllDirectories),
            f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The ```csharp blocks of one README section, in order.</summary>
    internal static List<string> CSharpBlocks(string markdown, string heading)
    {
        int start = markdown.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{heading}'");
        int end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        string section = end < 0 ? markdown[start..] : markdown[start..end];
        return CodeBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
    }

    private string App(string folder, string name, string package, string program)
    {
        string dir = Directory.CreateDirectory(Path.Combine(folder, name)).FullName;
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package}" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="dupn-local" value="{feed.Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        return dir;
    }

    private static (int ExitCode, string Stdout, string Stderr) DotnetRun(string project, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (string arg in new[] { "run", "--project", project })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^user \S+, shop \S+: ([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ScoreLine();
}
