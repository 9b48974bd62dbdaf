namespace Dupn.MLNet.Trainers.Dupn.Benchmark;

/// <summary>Training throughput against the machine's measured matrix-multiply ceiling.</summary>
/// <param name="SamplesPerSecond">Training rows per second (forward, backward and optimiser step).</param>
/// <param name="TrainingFlopsPerSample">Multiply-add FLOPs of one row's training step, counted from the architecture (3x the forward matmuls).</param>
/// <param name="MatmulFlopsPerSecond">libtorch's large float32 matrix-multiply FLOP/s on this machine (best of the repeats).</param>
public sealed record DupnBenchmarkResult(double SamplesPerSecond, double TrainingFlopsPerSample, double MatmulFlopsPerSecond)
{
    /// <summary>Achieved training FLOP/s as a fraction of the matmul ceiling.</summary>
    public double FractionOfMatmulPeak => SamplesPerSecond * TrainingFlopsPerSample / MatmulFlopsPerSecond;

    public override string ToString() =>
        $"{SamplesPerSecond:F1} samples/s x {TrainingFlopsPerSample / 1e6:F1} MFLOP/sample = {SamplesPerSecond * TrainingFlopsPerSample / 1e9:F2} GFLOP/s; " +
        $"matmul ceiling {MatmulFlopsPerSecond / 1e9:F2} GFLOP/s; fraction {FractionOfMatmulPeak:P1}";
}
