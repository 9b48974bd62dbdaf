using System.Diagnostics;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// Training throughput of <see cref="DupnNetwork"/>: forward, CTR head, BCE loss, backward and an
/// Adam step per batch, on batches collated once before timing (so that the timed loop allocates
/// only what libtorch allocates), each step inside its own dispose scope.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>Times <paramref name="timedSteps"/> steps after <paramref name="warmupSteps"/> at the current thread setting.</summary>
    public static TrainingBenchmarkResult Run(DupnArchitecture architecture, IReadOnlyList<FeaturizedRow> rows, int batchSize,
        int timedSteps, int warmupSteps = 1, int distinctBatches = 4)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            throw new ArgumentException("The training benchmark needs at least one featurised row.", nameof(rows));
        if (batchSize < 1 || timedSteps < 1 || warmupSteps < 0 || distinctBatches < 1)
            throw new ArgumentException($"Batch size ({batchSize}), timed steps ({timedSteps}) and distinct batches ({distinctBatches}) must be positive; warm-up steps ({warmupSteps}) not negative.");

        manual_seed(7);
        using var network = new DupnNetwork(architecture);
        network.train();
        var collator = new DupnCollator(architecture);
        int count = Math.Min(distinctBatches, timedSteps + warmupSteps);
        var batches = new List<DupnBatch>(count);
        long clock = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
            batches.Add(collator.Collate(Enumerable.Range(i * batchSize, batchSize).Select(j => rows[j % rows.Count]).ToList()));
        double collateRate = count * (double)batchSize / Stopwatch.GetElapsedTime(clock).TotalSeconds;
        try
        {
            using var optimizer = optim.Adam(network.TrainableParameters(), lr: 1e-3);
            double loss = 0;
            for (int i = 0; i < warmupSteps; i++)
                loss = Step(network, optimizer, batches[i % count]);
            double flops = 0;
            clock = Stopwatch.GetTimestamp();
            double stepsSum = 0;
            for (int i = 0; i < timedSteps; i++)
            {
                var batch = batches[(warmupSteps + i) % count];
                int t = (int)batch.HistItem.shape[1];
                stepsSum += t;
                flops += batchSize * DupnFlopCount.TrainingFlopsPerSample(architecture, t);
                loss = Step(network, optimizer, batch);
            }
            double seconds = Stopwatch.GetElapsedTime(clock).TotalSeconds;
            if (!double.IsFinite(loss))
                throw new InvalidOperationException($"The training benchmark's loss is {loss}: the steps diverged, so the timing is meaningless.");
            return new TrainingBenchmarkResult(get_num_threads(), batchSize, stepsSum / timedSteps, timedSteps * (double)batchSize / seconds,
                flops / seconds, collateRate, loss);
        }
        finally
        {
            foreach (var batch in batches)
                batch.Dispose();
        }
    }

    /// <summary>One CTR training step (what the trainer does per step for one task).</summary>
    public static double Step(DupnNetwork network, optim.Optimizer optimizer, DupnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var user = network.forward(batch);
        var logits = network.TaskOutput(DupnTaskNames.Ctr, user.Rep, batch);
        var loss = nn.functional.binary_cross_entropy_with_logits(logits, batch.Label);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
