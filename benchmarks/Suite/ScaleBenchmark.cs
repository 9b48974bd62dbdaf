using System.Diagnostics;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// How cost grows with data: for each size, generate a dataset, fit the featurizer, index the log
/// and stream the ctr train rows (point-in-time join) straight into one epoch of CTR training, so
/// memory holds the log index and one batch, never all rows. Time and peak working set per size.
/// </summary>
public static class ScaleBenchmark
{
    /// <summary>Runs one size in <paramref name="folder"/> (created, and deleted afterwards).</summary>
    /// <param name="users">Users to generate.</param>
    /// <param name="folder">Where the dataset is written.</param>
    /// <param name="batchSize">Rows per training step.</param>
    /// <param name="featurizerOptions">N and the other featurisation settings.</param>
    /// <param name="maxTrainRows">Train on at most this many rows (0: the whole epoch); the join still streams every row, so featurisation is always complete.</param>
    /// <param name="seed">Generator and network seed.</param>
    public static ScaleStepResult RunOne(int users, string folder, int batchSize, BehaviorFeaturizerOptions featurizerOptions, long maxTrainRows = 0, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(featurizerOptions);
        if (users < 1 || batchSize < 1 || maxTrainRows < 0)
            throw new ArgumentException($"Users ({users}) and batch size ({batchSize}) must be positive, the train-row cap ({maxTrainRows}) not negative.");
        GC.Collect();
        bool perSize = PeakMemory.TryReset();
        try
        {
            var clock = Stopwatch.StartNew();
            var summary = TaobaoLikeGenerator.Generate(folder, new TaobaoLikeGeneratorOptions { Users = users, Seed = seed });
            double generate = clock.Elapsed.TotalSeconds;

            clock.Restart();
            var featurizer = BehaviorFeaturizer.Fit(Dataset.Open(folder), featurizerOptions);
            var architecture = BenchmarkArchitecture.For(featurizer);
            double featurize = clock.Elapsed.TotalSeconds;

            manual_seed(seed);
            using var network = new DupnNetwork(architecture);
            network.train();
            using var optimizer = optim.Adam(network.TrainableParameters(), lr: 1e-3);
            var collator = new DupnCollator(architecture);
            var buffer = new List<FeaturizedRow>(batchSize);
            long rows = 0, streamed = 0;
            double train = 0;
            void TrainOn(List<FeaturizedRow> batchRows)
            {
                long start = Stopwatch.GetTimestamp();
                using (var batch = collator.Collate(batchRows))
                    TrainingBenchmark.Step(network, optimizer, batch);
                train += Stopwatch.GetElapsedTime(start).TotalSeconds;
                rows += batchRows.Count;
                batchRows.Clear();
            }

            // The stream's own time (index + join) is featurisation; time inside the step is training.
            long produced = Stopwatch.GetTimestamp();
            foreach (var row in featurizer.TransformStream(Dataset.Open(folder), DupnTask.Ctr, DatasetSplit.Train))
            {
                streamed++;
                if (maxTrainRows > 0 && rows + buffer.Count >= maxTrainRows)
                    continue;
                buffer.Add(row);
                if (buffer.Count == batchSize)
                    TrainOn(buffer);
            }
            if (buffer.Count > 0)
                TrainOn(buffer);
            featurize += Stopwatch.GetElapsedTime(produced).TotalSeconds - train;
            if (rows == 0)
                throw new InvalidOperationException($"The generated dataset of {users} users has no ctr train rows to train on.");
            return new ScaleStepResult(users, summary.Behaviors, streamed, rows, generate, featurize, train, PeakMemory.PeakMiB(), perSize);
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
