using System.Globalization;

using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Benchmarks;

/// <summary>What <see cref="BehaviorFeaturizationBenchmark"/> measured on one dataset folder.</summary>
/// <param name="Behaviors">Behaviours in the log (behaviors.csv).</param>
/// <param name="Rows">Featurised task rows (ctr and l2r, train and test).</param>
/// <param name="HistorySteps">History behaviours in those rows (after truncation to N).</param>
/// <param name="FitSeconds">Vocabulary fit (not part of the throughput: it is done once per model).</param>
/// <param name="IndexSeconds">Parse + encode + per-user sort of the log.</param>
/// <param name="TransformSeconds">Reading the task rows and the point-in-time join into padded sequences.</param>
/// <param name="CpuSeconds">Process CPU time over index + transform (wall time on a shared machine also counts the neighbours).</param>
/// <param name="ReadOnlySeconds">Reading the behaviours CSV as text lines alone: the I/O reference.</param>
/// <param name="CsvReadSeconds">Reading behaviors.csv with the readers' validation, every field (best of three).</param>
/// <param name="ParquetReadSeconds">The same for a Parquet copy of the log (after one untimed warm-up read; best of three, alternating with CSV).</param>
/// <param name="ParquetIndexSeconds">Indexing the log (as <paramref name="IndexSeconds"/>) from the Parquet copy.</param>
/// <param name="CsvBytes">Size of behaviors.csv.</param>
/// <param name="ParquetBytes">Size of its Parquet copy.</param>
public sealed record FeaturizationBenchmarkResult(
    long Behaviors, long Rows, long HistorySteps, double FitSeconds, double IndexSeconds, double TransformSeconds,
    double CpuSeconds, double ReadOnlySeconds, double CsvReadSeconds, double ParquetReadSeconds, double ParquetIndexSeconds,
    long CsvBytes, long ParquetBytes)
{
    /// <summary>Behaviours per second read from CSV with validation.</summary>
    public double CsvReadBehaviorsPerSecond => Behaviors / CsvReadSeconds;

    /// <summary>Behaviours per second read from Parquet with validation.</summary>
    public double ParquetReadBehaviorsPerSecond => Behaviors / ParquetReadSeconds;

    /// <summary>Log behaviours per second, CSV to padded sequences (index + transform, wall time).</summary>
    public double BehaviorsPerSecond => Behaviors / (IndexSeconds + TransformSeconds);

    /// <summary>Log behaviours per CPU-second.</summary>
    public double BehaviorsPerCpuSecond => Behaviors / CpuSeconds;

    /// <summary>Behaviours per second of reading the CSV lines alone (no parsing): the ceiling of this path.</summary>
    public double ReadOnlyBehaviorsPerSecond => Behaviors / ReadOnlySeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Behaviors:N0} behaviours, {Rows:N0} rows, {HistorySteps:N0} history steps: fit {FitSeconds:F2} s, index {IndexSeconds:F2} s, transform {TransformSeconds:F2} s = {BehaviorsPerSecond:N0} behaviours/s (CPU {CpuSeconds:F2} s); read with validation: CSV {CsvReadSeconds:F2} s, Parquet {ParquetReadSeconds:F2} s; index from Parquet {ParquetIndexSeconds:F2} s");
}
