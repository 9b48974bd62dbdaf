using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Trainers.Tests.Model;

public class DupnModelTests
{
    private static DupnModel Sample()
    {
        var dataset = Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"));
        var featurizer = BehaviorFeaturizer.Fit(dataset);
        var architecture = new DupnArchitecture { ItemVocabulary = featurizer.Architecture.ItemVocabulary, RankingFeatures = 3 };
        var weights = new StateDict();
        weights.Add("lstm.bias", [4], [1, 2, 3, 4]);
        var info = new DupnModelInfo { SeenData = [new SeenData("example", ["ctr"], 12, 100, 200)] };
        return new DupnModel(architecture, featurizer, weights, info);
    }

    [Fact]
    public void SaveAndLoadKeepEverything()
    {
        using var temp = RepoPaths.NewTempDir();
        string folder = Path.Combine(temp.Path, "model");
        var model = Sample();
        model.Save(folder);
        var loaded = DupnModel.Load(folder);
        Assert.Equal(model.Architecture, loaded.Architecture with { ProfileVocabularies = model.Architecture.ProfileVocabularies, Tasks = model.Architecture.Tasks });
        Assert.Equal([1f, 2, 3, 4], loaded.Weights["lstm.bias"].Values);
        Assert.Equal(model.Featurizer.Architecture.ItemVocabulary, loaded.Featurizer.Architecture.ItemVocabulary);
        Assert.Equal("example", Assert.Single(loaded.Info.SeenData).Dataset);
        Assert.Equal(DupnModel.CurrentFormatVersion, loaded.Info.FormatVersion);
    }

    [Fact]
    public void SavingOverAModelLeavesOnlyTheNewOne()
    {
        using var temp = RepoPaths.NewTempDir();
        string folder = Path.Combine(temp.Path, "model");
        Sample().Save(folder);
        Sample().Save(folder);
        Assert.Equal(["model"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
        Assert.Equal(["featurizer.json", "model.json", "weights.bin"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AKillBetweenTheTwoRenamesOfASaveLeavesThePreviousModelReadable()
    {
        using var temp = RepoPaths.NewTempDir();
        string folder = Path.Combine(temp.Path, "model");
        var previous = Sample();
        previous.Save(folder);
        // What a save killed after renaming the previous model aside, before renaming the new one
        // into place, leaves: no model folder, the previous one aside, and an abandoned temporary
        // folder of a process that no longer runs (process ids never reach int.MaxValue).
        Directory.Move(folder, Path.Combine(temp.Path, ".model.old-0123456789abcdef"));
        string abandoned = Path.Combine(temp.Path, $".model.saving-{int.MaxValue}-0123456789abcdef");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, "weights.bin"), "half written");

        Assert.Equal([1f, 2, 3, 4], DupnModel.Load(folder).Weights["lstm.bias"].Values);

        var weights = new StateDict();
        weights.Add("lstm.bias", [4], [5, 6, 7, 8]);
        new DupnModel(previous.Architecture, previous.Featurizer, weights, previous.Info).Save(folder);
        Assert.Equal([5f, 6, 7, 8], DupnModel.Load(folder).Weights["lstm.bias"].Values);
        Assert.Equal(["model"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ASaveInProgressInAnotherLiveProcessIsLeftAlone()
    {
        using var temp = RepoPaths.NewTempDir();
        string folder = Path.Combine(temp.Path, "model");
        // Process 1 always runs: its temporary folder is a save in progress, not a leftover.
        string other = Path.Combine(temp.Path, ".model.saving-1-0123456789abcdef");
        Directory.CreateDirectory(other);
        Sample().Save(folder);
        Sample().Save(folder);
        Assert.True(Directory.Exists(other), "another live process's save in progress was removed");
    }

    [Theory]
    [InlineData("weights.bin")]
    [InlineData("featurizer.json")]
    public void DamagedFilesAreRefusedByName(string file)
    {
        using var temp = RepoPaths.NewTempDir();
        string folder = Path.Combine(temp.Path, "model");
        Sample().Save(folder);
        byte[] bytes = File.ReadAllBytes(Path.Combine(folder, file));
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(Path.Combine(folder, file), bytes);
        var error = Assert.Throws<InvalidDataException>(() => DupnModel.Load(folder));
        Assert.Contains(file, error.Message);
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void ANewerFormatIsRefusedWithBothVersions()
    {
        using var temp = RepoPaths.NewTempDir();
        string folder = Path.Combine(temp.Path, "model");
        Sample().Save(folder);
        string manifest = Path.Combine(folder, "model.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"formatVersion\": 1", "\"formatVersion\": 99"));
        var error = Assert.Throws<InvalidDataException>(() => DupnModel.Load(folder));
        Assert.Contains("format 99", error.Message);
        Assert.Contains("Update Dupn.MLNet", error.Message);
    }

    [Fact]
    public void AFolderWithoutManifestIsNotAModel()
    {
        using var temp = RepoPaths.NewTempDir();
        var error = Assert.Throws<FileNotFoundException>(() => DupnModel.Load(temp.Path));
        Assert.Contains("is not a Dupn.MLNet model folder", error.Message);
    }
}
