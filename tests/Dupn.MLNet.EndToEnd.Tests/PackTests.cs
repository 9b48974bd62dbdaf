using System.IO.Compression;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.EndToEnd.Tests;

/// <summary>`dotnet pack` makes the four library packages, each with its own README and XML docs, the scoring ones for .NET 8 too.</summary>
public class PackTests
{
    [Fact]
    public void SolutionPacksTheFourLibrariesAndNothingElse()
    {
        using var output = RepoPaths.NewTempDir();
        var (exitCode, stdout, stderr) = Dotnet.Run(
            "pack", Path.Combine(RepoPaths.Root, "Dupn.MLNet.sln"), "--no-build", "-c", RepoPaths.Configuration, "-o", output.Path);
        Assert.True(exitCode == 0, $"dotnet pack failed ({exitCode}): {stdout}\n{stderr}");

        string[] packages = Directory.GetFiles(output.Path, "*.nupkg").Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(4, packages.Length);
        Assert.Matches(@"^Dupn\.MLNet\.Core\.\d+\.\d+\.\d+.*\.nupkg$", packages[0]);
        Assert.Matches(@"^Dupn\.MLNet\.Export\.\d+\.\d+\.\d+.*\.nupkg$", packages[1]);
        Assert.Matches(@"^Dupn\.MLNet\.Trainers\.", packages[2]);
        Assert.Matches(@"^Dupn\.MLNet\.Transforms\.", packages[3]);

        foreach (string package in packages)
        {
            using var zip = ZipFile.OpenRead(Path.Combine(output.Path, package));
            var entries = zip.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("README.md", entries);
            // Each package's own readme (src/<Package>/PACKAGE.md), titled with the package's id.
            using (var readme = new StreamReader(zip.GetEntry("README.md")!.Open()))
            {
                string id = package[..package.IndexOf(".0.", StringComparison.Ordinal)];
                Assert.Equal("# " + id, readme.ReadLine());
            }
            Assert.Contains(entries, e => e.StartsWith("lib/net10.0/", StringComparison.Ordinal) && e.EndsWith(".xml", StringComparison.Ordinal));
            // What scoring needs (Core, Transforms, Export) also serves .NET 8 LTS apps; training stays on .NET 10.
            bool scoring = !package.StartsWith("Dupn.MLNet.Trainers.", StringComparison.Ordinal);
            Assert.Equal(scoring, entries.Any(e => e.StartsWith("lib/net8.0/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)));
        }
    }
}
