using System.Diagnostics;
using static TorchSharp.torch;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// The FLOP/s ceiling of this libtorch on this machine: square float32 matmuls (2·n³ FLOPs each)
/// at the current thread setting, the best of several timed calls after a warm-up.
/// </summary>
public static class MatmulCeiling
{
    /// <summary>FLOP/s of an n×n by n×n float32 matmul (best of <paramref name="repeats"/>).</summary>
    public static double Measure(int size = 2048, int repeats = 5)
    {
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The matmul size must be positive.");
        if (repeats < 1)
            throw new ArgumentOutOfRangeException(nameof(repeats), repeats, "At least one timed matmul is needed.");
        using var scope = NewDisposeScope();
        manual_seed(0);
        var a = randn(size, size);
        var b = randn(size, size);
        matmul(a, b).Dispose(); // warm-up: thread pool start and first-touch of the output
        double best = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            matmul(a, b).Dispose(); // a 16 MiB output is noise next to 2n³ FLOPs
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return 2.0 * size * size * (double)size / best;
    }
}
