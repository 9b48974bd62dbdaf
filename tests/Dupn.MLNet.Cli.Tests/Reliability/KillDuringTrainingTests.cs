using System.Globalization;
using System.Text.RegularExpressions;
using Dupn.MLNet.Cli.Tests.Commands;
using Dupn.MLNet.Tests;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Tests.Reliability;

/// <summary>
/// `dupn train` killed with SIGKILL at random moments (seeded), then resumed with `--resume`,
/// finishes with exactly the weights, held-out metrics and history of a run that was never
/// interrupted. The child checkpoints after every step, so many kills land inside a save.
/// </summary>
public partial class KillDuringTrainingTests
{
    private const int Epochs = 2;
    private static readonly TimeSpan Patience = HangLimit.ChildProcess;

    private static string DupnDll => Path.Combine(AppContext.BaseDirectory, "dupn.dll");

    [Theory]
    [InlineData(20261129)]
    public void KilledThreeTimesAndResumedEndsWithTheWeightsOfAnUninterruptedRun(int seed)
    {
        using var temp = RepoPaths.NewTempDir();
        string data = Path.Combine(temp.Path, "data");
        string referenceModel = Path.Combine(temp.Path, "reference");
        string model = Path.Combine(temp.Path, "killed");
        string checkpoints = model + ".checkpoints";
        var (code, _, error) = CliRunner.Run("generate", "--out", data, "--users", "40", "--seed", "3");
        Assert.True(code == 0, error);

        string referenceOutput;
        using (var reference = ChildProcess.StartDotnet(DupnDll, TrainArguments(data, referenceModel, resume: false)))
        {
            Assert.True(reference.WaitForExit(Patience) == 0, reference.Output);
            referenceOutput = reference.Output;
        }
        int totalSteps = int.Parse(StepsLine().Match(referenceOutput).Groups[1].Value, CultureInfo.InvariantCulture);
        int stepsPerEpoch = totalSteps / Epochs;

        // Three kill points spread over the run: one early in epoch 1, one later in epoch 1, one
        // in the middle of epoch 2 (so a resume also restores the end-of-epoch history). Each kill
        // comes a random 0-250 ms after its checkpoint: inside a step, a save or an evaluation.
        var random = new Random(seed);
        int[] targets =
        [
            random.Next(2, stepsPerEpoch / 3),
            random.Next(stepsPerEpoch / 2, stepsPerEpoch - 2),
            random.Next(stepsPerEpoch + 2, stepsPerEpoch + stepsPerEpoch / 2),
        ];
        var resumedFrom = new List<Checkpoint>();
        for (int kill = 0; kill < targets.Length; kill++)
        {
            using var child = ChildProcess.StartDotnet(DupnDll, TrainArguments(data, model, resume: kill > 0));
            int target = targets[kill];
            Assert.True(child.WaitUntil(() => Checkpoint.Latest(checkpoints)?.GlobalStep >= target, Patience),
                $"Kill {kill + 1}: no checkpoint at step {target} or later appeared. Output:\n{child.Output}");
            Thread.Sleep(random.Next(0, 250));
            Assert.False(child.HasExited, $"Kill {kill + 1}: training ended before it could be killed. Output:\n{child.Output}");
            child.KillHard();

            Assert.False(Directory.Exists(model), "The model folder is written only when training ends.");
            var latest = Checkpoint.Latest(checkpoints);
            Assert.NotNull(latest);
            foreach (string file in new[] { "model.bin", "optimizer.bin", "state.json" })
                Assert.True(File.Exists(Path.Combine(checkpoints, latest.Name, file)), $"Kill {kill + 1}: {latest.Name} lacks {file}");
            resumedFrom.Add(latest);
        }

        string finalOutput;
        using (var resumed = ChildProcess.StartDotnet(DupnDll, TrainArguments(data, model, resume: true)))
        {
            Assert.True(resumed.WaitForExit(Patience) == 0, resumed.Output);
            finalOutput = resumed.Output;
        }

        // The kills really interrupted the run where intended, mid-epoch in both epochs.
        Assert.Equal(targets.Length, resumedFrom.Select(c => c.GlobalStep).Distinct().Count());
        Assert.Contains(resumedFrom, c => c.Epoch == 0 && c.StepInEpoch > 0);
        Assert.Contains(resumedFrom, c => c.Epoch == 1 && c.StepInEpoch > 0);

        var expected = DupnModel.Load(referenceModel);
        var actual = DupnModel.Load(model);
        Assert.Equal(expected.Weights.Names.Order(StringComparer.Ordinal), actual.Weights.Names.Order(StringComparer.Ordinal));
        foreach (string name in expected.Weights.Names)
        {
            float[] a = expected.Weights[name].Values, b = actual.Weights[name].Values;
            float maxDiff = 0;
            for (int i = 0; i < a.Length; i++)
                maxDiff = Math.Max(maxDiff, Math.Abs(a[i] - b[i]));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{name} differs after resuming from {string.Join(", ", resumedFrom.Select(c => c.Name))} (max |diff| {maxDiff:G3})");
        }
        Assert.Equal(Metrics(referenceOutput), Metrics(finalOutput));
        Assert.Equal(totalSteps.ToString(CultureInfo.InvariantCulture), StepsLine().Match(finalOutput).Groups[1].Value);
        Assert.Equal(Epochs, actual.Info.History.Count);
        foreach (var (before, after) in expected.Info.History.Zip(actual.Info.History))
        {
            Assert.Equal(before.Step, after.Step);
            Assert.Equal(before.Metrics.Select(m => (m.Task, m.Rows, m.Auc, m.LogLoss, m.Accuracy)), after.Metrics.Select(m => (m.Task, m.Rows, m.Auc, m.LogLoss, m.Accuracy)));
        }

        // The resumed run cleaned up after itself: one checkpoint, no half-written leftovers.
        Assert.Single(Directory.EnumerateDirectories(checkpoints, "checkpoint-*"));
        Assert.Empty(Directory.EnumerateDirectories(checkpoints, ".tmp-*"));
    }

    private static string[] TrainArguments(string data, string model, bool resume) =>
    [
        "train", "--data", data, "--out", model, "--epochs", Epochs.ToString(CultureInfo.InvariantCulture),
        "--seq-len", "8", "--batch-size", "32", "--threads", "1", "--seed", "7", "--checkpoint-every", "1",
        .. resume ? new[] { "--resume" } : [],
    ];

    // The held-out metrics the command prints after the last epoch ("  ctr: AUC 0.5305, ...").
    private static string[] Metrics(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => MetricsLine().IsMatch(l)).ToArray();

    [GeneratedRegex(@"^Saved .*, (\d+) steps", RegexOptions.Multiline)]
    private static partial Regex StepsLine();

    [GeneratedRegex(@"^  (ctr|l2r|ppp|follow): ")]
    private static partial Regex MetricsLine();

    /// <summary>A checkpoint folder as named by the trainer: checkpoint-{global step}-e{epoch}s{step in epoch}.</summary>
    private sealed partial record Checkpoint(string Name, long GlobalStep, int Epoch, int StepInEpoch)
    {
        public static Checkpoint? Latest(string directory)
        {
            string pointer = Path.Combine(directory, "latest");
            string name;
            try
            {
                name = File.ReadAllText(pointer).Trim();
            }
            catch (IOException)
            {
                return null; // not written yet (the pointer is only ever replaced by rename)
            }
            var match = CheckpointName().Match(name);
            Assert.True(match.Success, $"The checkpoint pointer {pointer} holds '{name}'.");
            return new Checkpoint(name, long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        }

        [GeneratedRegex(@"^checkpoint-(\d+)-e(\d+)s(\d+)$")]
        private static partial Regex CheckpointName();
    }
}
