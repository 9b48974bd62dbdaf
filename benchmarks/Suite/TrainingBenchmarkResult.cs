namespace Dupn.MLNet.Benchmarks;

/// <summary>What <see cref="TrainingBenchmark"/> measured at one thread setting.</summary>
/// <param name="Threads">torch.get_num_threads() during the run.</param>
/// <param name="BatchSize">Rows per step.</param>
/// <param name="MeanSteps">Mean padded history length T of the timed batches.</param>
/// <param name="SamplesPerSecond">Rows trained per second (forward + backward + Adam step).</param>
/// <param name="FlopsPerSecond">Analytic FLOPs (<see cref="DupnFlopCount"/>) per second.</param>
/// <param name="CollateSamplesPerSecond">Rows per second of <c>DupnCollator.Collate</c> alone (kept out of the timed steps).</param>
/// <param name="FinalLoss">The last step's loss (finite: the steps did real work).</param>
public sealed record TrainingBenchmarkResult(
    int Threads, int BatchSize, double MeanSteps, double SamplesPerSecond, double FlopsPerSecond, double CollateSamplesPerSecond, double FinalLoss);
