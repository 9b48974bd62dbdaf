using Dupn.MLNet.Trainers.Evaluation;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers.Tests.Synthetic;
using Dupn.MLNet.Tests;
using Microsoft.ML;

namespace Dupn.MLNet.Trainers.Tests.Training;

public class CheckpointTests
{
    [Theory]
    [InlineData(DupnOptimizer.Adam, 5)]
    [InlineData(DupnOptimizer.AdaGrad, 9)]
    public void ResumingAfterACrashReachesTheWeightsOfAnUninterruptedRun(DupnOptimizer optimizer, int crashAtStep)
    {
        var arch = SyntheticDupnData.Architecture(batchNorm: true);
        var data = SyntheticDupnData.TrainingData(160, 40);
        DupnTrainerOptions Options(string? directory) => new()
        {
            Epochs = 2, BatchSize = 32, Threads = 1, UseCuda = false, Optimizer = optimizer,
            CheckpointDirectory = directory, CheckpointEverySteps = 4, Resume = directory is not null,
        };

        var uninterrupted = new DupnTrainer(new MLContext(1), Options(null)).Fit(arch, data);

        using var temp = RepoPaths.NewTempDir();
        using var crash = new CancellationTokenSource();
        var crashing = new SyncProgress<DupnTrainingProgress>(p => { if (p.Step == crashAtStep) crash.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => new DupnTrainer(new MLContext(1), Options(temp.Path)).Fit(arch, data, crashing, crash.Token));
        Assert.True(File.Exists(Path.Combine(temp.Path, "latest")));
        Assert.Empty(Directory.EnumerateDirectories(temp.Path, ".tmp-*"));

        // A fresh process would build a fresh network: the checkpoint restores weights, optimiser and position.
        var resumed = new DupnTrainer(new MLContext(1), Options(temp.Path)).Fit(arch, data);
        TrainingTestKit.AssertSameWeights(uninterrupted.Network.ToStateDict(), resumed.Network.ToStateDict());
        Assert.Equal(uninterrupted.Steps, resumed.Steps);
        Assert.Equal(uninterrupted.Epochs.Count, resumed.Epochs.Count);
        Assert.Equal(uninterrupted.Epochs[^1].Metrics.Select(m => m.Auc ?? m.Accuracy), resumed.Epochs[^1].Metrics.Select(m => m.Auc ?? m.Accuracy));
        Assert.Single(Directory.EnumerateDirectories(temp.Path, "checkpoint-*"));
    }

    [Fact]
    public void ResumingARunThatStoppedEarlyTrainsNoFurther()
    {
        var arch = SyntheticDupnData.Architecture();
        var data = SyntheticDupnData.TrainingData(100, 100);
        using var temp = RepoPaths.NewTempDir();
        var options = TrainingTestKit.Options(epochs: 6);
        options.LearningRate = 1e-9; // nothing moves, so PPP accuracy cannot improve after the first epoch
        options.EarlyStoppingTask = DupnTaskNames.Ppp;
        options.EarlyStoppingMetric = DupnMetric.Accuracy;
        options.EarlyStoppingPatience = 2;
        options.CheckpointDirectory = temp.Path;
        options.Resume = true;
        var stopped = new DupnTrainer(new MLContext(1), options).Fit(arch, data);
        Assert.True(stopped.StoppedEarly);
        Assert.Equal(3, stopped.Epochs.Count);

        // Run again (as after a crash once the run had ended): the checkpoint says it stopped early.
        var resumed = new DupnTrainer(new MLContext(1), options).Fit(arch, data);
        Assert.True(resumed.StoppedEarly);
        Assert.Equal(stopped.Steps, resumed.Steps);
        Assert.Equal(3, resumed.Epochs.Count);
        Assert.Equal([stopped.Steps / 3, 2 * stopped.Steps / 3, stopped.Steps], resumed.Epochs.Select(e => e.Step));
        TrainingTestKit.AssertSameWeights(stopped.Network.ToStateDict(), resumed.Network.ToStateDict());
    }

    [Fact]
    public void TheNextSaveRemovesWhatAKilledSaveLeft()
    {
        using var temp = RepoPaths.NewTempDir();
        // A save killed before its rename leaves a temporary folder that nothing refers to.
        string leftover = Path.Combine(temp.Path, ".tmp-0123456789abcdef");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "model.bin"), "half written");
        var options = TrainingTestKit.Options(epochs: 1);
        options.CheckpointDirectory = temp.Path;
        new DupnTrainer(new MLContext(1), options).Fit(SyntheticDupnData.Architecture(), SyntheticDupnData.TrainingData(64, 0));
        Assert.False(Directory.Exists(leftover));
        Assert.Single(Directory.EnumerateDirectories(temp.Path));
        Assert.Equal(Path.GetFileName(Directory.EnumerateDirectories(temp.Path).Single()), File.ReadAllText(Path.Combine(temp.Path, "latest")));
    }

    [Fact]
    public void ResumingOnOtherDataIsRefused()
    {
        var arch = SyntheticDupnData.Architecture();
        using var temp = RepoPaths.NewTempDir();
        var options = new DupnTrainerOptions { Epochs = 1, BatchSize = 32, UseCuda = false, CheckpointDirectory = temp.Path, Resume = true };
        new DupnTrainer(new MLContext(1), options).Fit(arch, SyntheticDupnData.TrainingData(64, 0));
        var error = Assert.Throws<InvalidOperationException>(() => new DupnTrainer(new MLContext(1), options).Fit(arch, SyntheticDupnData.TrainingData(96, 0)));
        Assert.Contains("trained on other data", error.Message);
    }

    [Fact]
    public void ResumingWithOtherTaskRepeatsIsRefused()
    {
        // The repeats shape each epoch's plan, so a resumed run with others would skip the wrong steps.
        var arch = SyntheticDupnData.Architecture();
        using var temp = RepoPaths.NewTempDir();
        var options = new DupnTrainerOptions { Epochs = 1, BatchSize = 32, UseCuda = false, CheckpointDirectory = temp.Path, Resume = true };
        options.TaskRepeats = new() { ["follow"] = 2 };
        new DupnTrainer(new MLContext(1), options).Fit(arch, SyntheticDupnData.TrainingData(64, 0));
        options.TaskRepeats = [];
        var error = Assert.Throws<InvalidOperationException>(() => new DupnTrainer(new MLContext(1), options).Fit(arch, SyntheticDupnData.TrainingData(64, 0)));
        Assert.Contains("trained with other task repeats (follow 2; now: none)", error.Message);
    }

    [Fact]
    public void ResumingWithOtherLearningRatesGoesOnAtTheNewRatesAndSaysSo()
    {
        // Lowering the rate is what the divergence error asks for, so the resume is not refused; but it
        // cannot reach an uninterrupted run's weights, and the log says so, naming both sets of rates.
        var arch = SyntheticDupnData.Architecture();
        var data = SyntheticDupnData.TrainingData(64, 0);
        using var temp = RepoPaths.NewTempDir();
        DupnTrainerOptions Options(int epochs, double rate) => new()
        {
            Epochs = epochs, BatchSize = 32, UseCuda = false, CheckpointDirectory = temp.Path, Resume = true,
            LearningRate = rate, TaskLearningRateFactors = [],
        };
        List<string> Warnings(MLContext ml)
        {
            var warnings = new List<string>();
            ml.Log += (_, e) => { if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) lock (warnings) warnings.Add(e.Message); };
            return warnings;
        }
        new DupnTrainer(new MLContext(1), Options(1, 0.01)).Fit(arch, data);

        var ml = new MLContext(1);
        var warnings = Warnings(ml);
        var slower = new DupnTrainer(ml, Options(2, 0.005)).Fit(arch, data);
        var warning = Assert.Single(warnings);
        Assert.Contains("Resuming with other learning rates than the checkpoint", warning);
        Assert.Contains("(ctr 0.01, ", warning);
        Assert.Contains("; now: ctr 0.005, ", warning);
        Assert.Equal(2, slower.Epochs.Count);

        // The checkpoint now holds the new rates: resuming at them again says nothing.
        ml = new MLContext(1);
        warnings = Warnings(ml);
        new DupnTrainer(ml, Options(3, 0.005)).Fit(arch, data);
        Assert.Empty(warnings);
    }

    [Fact]
    public void ResumingWithAnotherArchitectureNamesTheSettingThatDiffers()
    {
        // One head flag changes one tensor's shape; libtorch's load would only say "mismatched shape".
        var arch = SyntheticDupnData.Architecture() with { SignedL2rWeights = true };
        using var temp = RepoPaths.NewTempDir();
        var options = new DupnTrainerOptions { Epochs = 1, BatchSize = 32, UseCuda = false, CheckpointDirectory = temp.Path, Resume = true };
        new DupnTrainer(new MLContext(1), options).Fit(arch with { CtrScoreAsRankingFeature = true }, SyntheticDupnData.TrainingData(64, 0));
        var error = Assert.Throws<InvalidOperationException>(() => new DupnTrainer(new MLContext(1), options).Fit(arch, SyntheticDupnData.TrainingData(64, 0)));
        Assert.Contains("belongs to another architecture (ctrScoreAsRankingFeature true -> false); resume with the options it was trained with.", error.Message);
    }

    [Fact]
    public void ACheckpointFromBeforeASettingExistedResumesWithItsDefaultAndAnUnknownSettingIsNamed()
    {
        // A checkpoint written before pppLinearPath existed has no such key; it built what the default
        // (false) builds, so resuming it must not count the absent key as a difference. A key this
        // version does not know, though, is a setting it cannot honour.
        var arch = SyntheticDupnData.Architecture();
        using var temp = RepoPaths.NewTempDir();
        DupnTrainerOptions Options(int epochs) => new() { Epochs = epochs, BatchSize = 32, UseCuda = false, CheckpointDirectory = temp.Path, Resume = true };
        new DupnTrainer(new MLContext(1), Options(1)).Fit(arch, SyntheticDupnData.TrainingData(64, 0));
        string saved = Path.Combine(Directory.GetDirectories(temp.Path, "checkpoint-*").Single(), "architecture.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(saved))!.AsObject();
        Assert.True(json.Remove("pppLinearPath"));
        File.WriteAllText(saved, json.ToJsonString());

        var resumed = new DupnTrainer(new MLContext(1), Options(2)).Fit(arch, SyntheticDupnData.TrainingData(64, 0));
        Assert.Equal(2, resumed.Epochs.Count);

        saved = Path.Combine(Directory.GetDirectories(temp.Path, "checkpoint-*").Single(), "architecture.json");
        json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(saved))!.AsObject();
        json["futureSetting"] = 3;
        File.WriteAllText(saved, json.ToJsonString());
        var error = Assert.Throws<InvalidOperationException>(() => new DupnTrainer(new MLContext(1), Options(3)).Fit(arch, SyntheticDupnData.TrainingData(64, 0)));
        Assert.Contains("belongs to another architecture (futureSetting 3 -> (unknown to this version)); resume with the options it was trained with.", error.Message);
    }
}
