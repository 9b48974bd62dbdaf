using Dupn.MLNet.Trainers.Dupn.Training;
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
    public void ResumingOnOtherDataIsRefused()
    {
        var arch = SyntheticDupnData.Architecture();
        using var temp = RepoPaths.NewTempDir();
        var options = new DupnTrainerOptions { Epochs = 1, BatchSize = 32, UseCuda = false, CheckpointDirectory = temp.Path, Resume = true };
        new DupnTrainer(new MLContext(1), options).Fit(arch, SyntheticDupnData.TrainingData(64, 0));
        var error = Assert.Throws<InvalidOperationException>(() => new DupnTrainer(new MLContext(1), options).Fit(arch, SyntheticDupnData.TrainingData(96, 0)));
        Assert.Contains("trained on other data", error.Message);
    }
}
