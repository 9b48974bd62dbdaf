using System.Diagnostics;
using Dupn.MLNet.Transforms.Data;

using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// Times featurisation from CSV to padded sequences on a dataset folder: Fit (once, reported apart),
/// indexing the log (parse + encode + per-user sort) and the point-in-time join of every ctr and l2r
/// row, plus reading the behaviours CSV as plain lines as the I/O reference of the same run.
/// </summary>
public static class BehaviorFeaturizationBenchmark
{
    /// <summary>Measures <paramref name="folder"/> (a dataset written by the generator or a converter).</summary>
    public static FeaturizationBenchmarkResult Run(string folder, BehaviorFeaturizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var clock = Stopwatch.StartNew();
        var featurizer = BehaviorFeaturizer.Fit(Dataset.Open(folder), options);
        double fit = clock.Elapsed.TotalSeconds;

        // A fresh Dataset object so that nothing is cached from Fit.
        var dataset = Dataset.Open(folder);
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        clock.Restart();
        var log = featurizer.IndexLog(dataset);
        double index = clock.Elapsed.TotalSeconds;

        long rows = 0, steps = 0;
        clock.Restart();
        foreach (var task in new[] { DupnTask.Ctr, DupnTask.L2r })
        {
            foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
            {
                foreach (var row in featurizer.TransformStream(dataset, task, split))
                {
                    rows++;
                    steps += row.Length;
                }
            }
        }
        double transform = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;

        // The reference: the same bytes read as lines with no parsing at all.
        clock.Restart();
        long lines = 0;
        foreach (var _ in File.ReadLines(dataset.BehaviorsPath))
            lines++;
        double readOnly = clock.Elapsed.TotalSeconds;
        return new FeaturizationBenchmarkResult(log.BehaviorCount, rows, steps, fit, index, transform, cpu, readOnly);
    }
}
