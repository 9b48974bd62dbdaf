namespace Dupn.MLNet.Benchmarks;

/// <summary>Cost of one data size in <see cref="ScaleBenchmark"/>.</summary>
/// <param name="Users">Generated users.</param>
/// <param name="Behaviors">Behaviours in the generated log.</param>
/// <param name="EpochRows">ctr train rows of the dataset (one epoch), all featurised.</param>
/// <param name="TrainRows">Rows trained on: the epoch, or the first rows of it under a cap.</param>
/// <param name="GenerateSeconds">Writing the dataset folder.</param>
/// <param name="FeaturizeSeconds">Fit, indexing the log and streaming the point-in-time join (time spent producing rows).</param>
/// <param name="TrainSeconds">Collating and training on the rows (one epoch).</param>
/// <param name="PeakMiB">Peak working set during this size (since the process started when <paramref name="PeakIsPerSize"/> is false).</param>
/// <param name="PeakIsPerSize">Whether the peak was reset before this size (Linux /proc/self/clear_refs).</param>
public sealed record ScaleStepResult(int Users, long Behaviors, long EpochRows, long TrainRows, double GenerateSeconds, double FeaturizeSeconds,
    double TrainSeconds, double PeakMiB, bool PeakIsPerSize)
{
    /// <summary>Training time of the whole epoch: measured when it was trained whole, else the measured rate times its rows.</summary>
    public double EpochSeconds => TrainRows == EpochRows ? TrainSeconds : TrainSeconds / TrainRows * EpochRows;

    /// <summary>Whether <see cref="EpochSeconds"/> is extrapolated from a capped number of rows.</summary>
    public bool EpochExtrapolated => TrainRows != EpochRows;

    /// <summary>Generate + featurise + one epoch.</summary>
    public double TotalSeconds => GenerateSeconds + FeaturizeSeconds + EpochSeconds;
}
