using System.Globalization;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Tests;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Tests.Reliability;

/// <summary>
/// A process that saves a model folder over and over (tests/Dupn.MLNet.SaveLoop) is killed with
/// SIGKILL at random moments (seeded); after every kill the folder loads, and holds exactly one
/// version the process had finished saving or was saving: its weights and its manifest agree,
/// never half of one and half of another.
/// </summary>
public class KillWhileSavingTests
{
    private const int Kills = 8;
    private static readonly TimeSpan Patience = HangLimit.ChildProcess;

    private static string SaveLoopDll => Path.Combine(AppContext.BaseDirectory, "Dupn.MLNet.SaveLoop.dll");

    [Theory]
    [InlineData(20261129)]
    public void AModelFolderKilledWhileSavingLoadsAsOneWholeVersion(int seed)
    {
        using var temp = RepoPaths.NewTempDir();
        string templateFolder = Path.Combine(temp.Path, "template");
        string target = Path.Combine(temp.Path, "model");
        var template = Template(seed);
        template.Save(templateFolder);

        var random = new Random(seed);
        int next = 0, killedMidSave = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            using var child = ChildProcess.StartDotnet(SaveLoopDll, templateFolder, target, next.ToString(CultureInfo.InvariantCulture));
            string firstSaved = $"saved {next}";
            Assert.True(child.WaitUntil(() => Lines(child).Contains(firstSaved), Patience), $"Kill {kill + 1}: no save finished. Output:\n{child.Output}");
            Thread.Sleep(random.Next(0, 60)); // a few saves' worth: the kill lands at any point of one
            Assert.False(child.HasExited, $"Kill {kill + 1}: the save loop ended on its own. Output:\n{child.Output}");
            child.KillHard();

            int lastStarted = LastNumber(child, "saving "), lastSaved = LastNumber(child, "saved ");
            if (lastStarted > lastSaved)
                killedMidSave++;
            int version = AssertWholeVersion(template, target);
            Assert.InRange(version, lastSaved, lastStarted);
            next = lastStarted + 1;
        }
        // The kills hit saves in progress (the loop does little else), not just the gaps between them.
        Assert.True(killedMidSave >= Kills / 2, $"Only {killedMidSave} of {Kills} kills landed during a save.");

        // The next save, left to finish, cleans up whatever the kills left beside the folder.
        using (var last = ChildProcess.StartDotnet(SaveLoopDll, templateFolder, target, next.ToString(CultureInfo.InvariantCulture), "1"))
            Assert.True(last.WaitForExit(Patience) == 0, last.Output);
        Assert.Equal(next, AssertWholeVersion(template, target));
        Assert.Equal(["model", "template"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // Version k of the save loop is the template with k added to every weight and "version" = k.
    private static int AssertWholeVersion(DupnModel template, string folder)
    {
        var loaded = DupnModel.Load(folder);
        int version = int.Parse(loaded.Info.Training["version"], CultureInfo.InvariantCulture);
        foreach (string name in template.Weights.Names)
        {
            float[] expected = template.Weights[name].Values.Select(v => v + version).ToArray();
            Assert.True(expected.AsSpan().SequenceEqual(loaded.Weights[name].Values), $"{name} of the loaded model is not that of version {version}.");
        }
        return version;
    }

    // A small model whose weights take a few hundred kilobytes, so a save spends real time writing.
    private static DupnModel Template(int seed)
    {
        var featurizer = BehaviorFeaturizer.Fit(Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset")));
        var architecture = new DupnArchitecture { ItemVocabulary = featurizer.Architecture.ItemVocabulary, RankingFeatures = 3 };
        var random = new Random(seed);
        var weights = new StateDict();
        weights.Add("attention.fc1.weight", [128, 368], Enumerable.Range(0, 128 * 368).Select(_ => (float)random.NextDouble() - 0.5f).ToArray());
        weights.Add("lstm.bias", [4], [1, 2, 3, 4]);
        return new DupnModel(architecture, featurizer, weights);
    }

    private static string[] Lines(ChildProcess child) => child.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int LastNumber(ChildProcess child, string prefix) =>
        Lines(child).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => int.Parse(l[prefix.Length..], CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();
}
