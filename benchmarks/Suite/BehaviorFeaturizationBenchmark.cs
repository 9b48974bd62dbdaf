using System.Diagnostics;
using Dupn.MLNet.Transforms.Data;

using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// Times featurisation from CSV to padded sequences on a dataset folder: Fit (once, reported apart),
/// indexing the log (parse + encode + per-user sort) and the point-in-time join of every ctr and l2r
/// row, plus reading the behaviours CSV as plain lines as the I/O reference of the same run. Then the
/// log is copied to Parquet and read both ways with the readers' validation: whether Parquet input is
/// at least as fast as CSV.
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

        // The same log as Parquet (behaviours and users; the copy is not timed), read as the featuriser
        // reads it. One untimed Parquet read first: the CSV path is warm from fit and index, while
        // Parquet.Net's decoders run once per column chunk and stay in unoptimised (tier-0) code for
        // the first few passes. Then alternating runs, best of three each, so that neither format gets
        // the warm cache alone.
        string parquet = Path.Combine(Path.GetTempPath(), "dupn-bench-parquet-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(parquet);
        try
        {
            string parquetLog = Path.Combine(parquet, "behaviors.parquet");
            ParquetDatasetWriter.WriteBehaviors(dataset.Behaviors(), parquetLog);
            ParquetDatasetWriter.WriteUsers(dataset.Users, Path.Combine(parquet, "users.parquet"));
            Check(ReadBehaviors(parquetLog), log.BehaviorCount);
            double csvRead = double.MaxValue, parquetRead = double.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                csvRead = Math.Min(csvRead, Timed(() => Check(ReadBehaviors(dataset.BehaviorsPath), log.BehaviorCount)));
                parquetRead = Math.Min(parquetRead, Timed(() => Check(ReadBehaviors(parquetLog), log.BehaviorCount)));
            }
            var parquetDataset = Dataset.Open(parquet);
            double parquetIndex = Timed(() => Check(featurizer.IndexLog(parquetDataset).BehaviorCount, log.BehaviorCount));
            return new FeaturizationBenchmarkResult(log.BehaviorCount, rows, steps, fit, index, transform, cpu, readOnly,
                csvRead, parquetRead, parquetIndex, new FileInfo(dataset.BehaviorsPath).Length, new FileInfo(parquetLog).Length);
        }
        finally
        {
            try { Directory.Delete(parquet, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Reads every behaviour of a behaviors.csv or behaviors.parquet file as the featuriser does: every
    /// field, with the readers' validation (user, timestamp, type), nothing encoded. Returns the rows.
    /// </summary>
    public static long ReadBehaviors(string path)
    {
        long rows = 0, characters = 0;
        var parsed = RecordParser.ReadFields(path, DatasetSchema.BehaviorColumns, (f, c) =>
        {
            c.Required(f, DatasetSchema.BehaviorField.UserId);
            c.Timestamp(f, DatasetSchema.BehaviorField.Timestamp);
            c.Required(f, DatasetSchema.BehaviorField.Type);
            for (int i = 0; i < f.Count; i++)
                characters += f[i].Length;
            return true;
        }, null, null);
        foreach (var _ in parsed)
            rows++;
        if (rows > 0 && characters == 0)
            throw new InvalidDataException($"{path}: {rows} rows but not one character read.");
        return rows;
    }

    private static double Timed(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static void Check(long rows, long expected)
    {
        if (rows != expected)
            throw new InvalidDataException($"Read {rows} behaviours where the log has {expected}: the two formats differ.");
    }
}
