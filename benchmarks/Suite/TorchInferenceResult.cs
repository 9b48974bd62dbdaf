namespace Dupn.MLNet.Benchmarks;

/// <summary>What <see cref="TorchInferenceBenchmark"/> measured (eval mode, no grad, collation included as ONNX Runtime's packing is).</summary>
/// <param name="LatencyP50Ms">Batch-1 user embedding, one thread, median.</param>
/// <param name="LatencyP99Ms">Batch-1 user embedding, one thread, 99th percentile.</param>
/// <param name="BatchSize">Rows per batched call.</param>
/// <param name="BatchedUsersPerSecond">Users per second at <paramref name="BatchSize"/> with <paramref name="Threads"/> threads.</param>
/// <param name="Threads">libtorch threads of the batched run.</param>
public sealed record TorchInferenceResult(double LatencyP50Ms, double LatencyP99Ms, int BatchSize, double BatchedUsersPerSecond, int Threads);
