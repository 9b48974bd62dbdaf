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
        string output = await NotebookRunner.RunAsync(Path.Combine(RepoPaths.Root, "notebooks", notebook), feed, work.Path);
        Assert.False(string.IsNullOrWhiteSpace(output), $"{notebook} printed nothing");
    }
}
