using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>Every notebook in notebooks/ runs top to bottom against the freshly packed packages.</summary>
public class NotebookTests(LocalPackageFeed feed) : IClassFixture<LocalPackageFeed>
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(RepoPaths.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task RunsEveryCell(string notebook)
    {
        using var work = RepoPaths.NewTempDir();
        var run = await NotebookRunner.RunAsync(Path.Combine(RepoPaths.Root, "notebooks", notebook), feed, work.Path);
        Assert.False(string.IsNullOrWhiteSpace(run.Text), $"{notebook} printed nothing");
        Assert.All(run.Cells, cell => Assert.True(cell.Outputs.Count > 0,
            $"{notebook} cell {cell.CellIndex + 1} ('{cell.Source.Split('\n')[0]}') shows nothing: print what it did, so the saved notebook shows it"));
        // notebooks/run-and-save.sh: the same run, saved into the notebook. A plain test run never writes.
        if (NotebookOutputs.WriteRequested)
        {
            NotebookOutputs.Write(run);
            var problems = NotebookOutputCheck.Problems(await File.ReadAllTextAsync(run.NotebookPath), requireImage: true);
            Assert.True(problems.Count == 0, $"{notebook} as saved:\n" + string.Join("\n", problems));
        }
    }

    /// <summary>
    /// A machine with a system libtorch (Debian's and Ubuntu's python3-torch put a 1.13 libtorch_cpu.so on the
    /// loader's path): TorchSharp, loaded from its package folder as a notebook loads it, used to find that
    /// library by bare name first and fail on its symbols. A notebook that trains runs in a child test run
    /// whose LD_LIBRARY_PATH holds a libtorch_cpu.so that is not libtorch at all.
    /// </summary>
    [Fact]
    public void A_training_notebook_runs_beside_a_foreign_libtorch_on_the_loader_path()
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var fake = RepoPaths.NewTempDir();
        // Any shared object that is not libtorch: the runtime's own System.Native, renamed.
        File.Copy(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "libSystem.Native.so"),
            Path.Combine(fake.Path, "libtorch_cpu.so"));
        string self = typeof(NotebookTests).Assembly.Location;
        // The child only runs the notebook: it never saves outputs, even under notebooks/run-and-save.sh.
        var (exitCode, stdout, stderr) = Dotnet.Run(new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = fake.Path, [NotebookOutputs.WriteVariable] = "0" },
            "test", self, "--filter", "FullyQualifiedName~NotebookTests.RunsEveryCell&DisplayName~02-train");
        Assert.True(exitCode == 0, $"the notebook failed beside a foreign libtorch_cpu.so ({exitCode}):\n{stdout}\n{stderr}");
        Assert.Contains("Passed: 1", stdout.Replace("Passed:     1", "Passed: 1", StringComparison.Ordinal));
    }
}
