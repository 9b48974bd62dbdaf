using System.Text.Json;

namespace Dupn.MLNet.Benchmarks;

/// <summary>Everything one <see cref="DupnBenchmarkSuite"/> run measured, with the machine it ran on.</summary>
/// <param name="Machine">The machine, its load when the run started and libtorch's default threads.</param>
/// <param name="Threads">libtorch threads used for training and batched inference.</param>
/// <param name="StartedUtc">When the run started.</param>
/// <param name="Measurements">Every number with its ratio, in the order measured.</param>
public sealed record BenchmarkReport(MachineInfo Machine, int Threads, DateTime StartedUtc, IReadOnlyList<BenchmarkMeasurement> Measurements)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The report as indented JSON (camelCase names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
