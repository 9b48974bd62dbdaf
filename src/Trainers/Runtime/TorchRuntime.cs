using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Runtime;

/// <summary>
/// The one place that decides where and how TorchSharp computes: device (CUDA when TorchSharp
/// reports it, else CPU), intra-op threads, and the global seed.
/// </summary>
public static class TorchRuntime
{
    /// <summary>CUDA when TorchSharp reports a usable device and <paramref name="allowCuda"/> is set; otherwise CPU.</summary>
    public static Device SelectDevice(bool allowCuda = true)
    {
        TorchNative.EnsureLoadable();
        return allowCuda && cuda.is_available() ? CUDA : CPU;
    }

    /// <summary>Sets libtorch's intra-op thread count; 0 or less keeps libtorch's default (one per core).</summary>
    public static void SetThreads(int threads)
    {
        TorchNative.EnsureLoadable();
        if (threads > 0)
            set_num_threads(threads);
    }

    /// <summary>Seeds libtorch's global generator so that initialisation and dropout repeat exactly on CPU.</summary>
    public static void Seed(long seed)
    {
        TorchNative.EnsureLoadable();
        manual_seed(seed);
    }
}
