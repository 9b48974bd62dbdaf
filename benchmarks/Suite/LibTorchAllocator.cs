using System.Runtime.InteropServices;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// libtorch's CPU allocator setting that the benchmark turns on: THP_MEM_ALLOC_ENABLE=1 makes it
/// back allocations of 2 MiB and more with transparent huge pages. A training step at N = 100 and
/// batch 1024 allocates (and frees) gigabytes of activations, which glibc maps and unmaps page by
/// page; measured on this machine (1 thread, batch 256) the setting cut minor page faults from 4.2
/// million to 0.3 million and kernel time by 43%. libtorch reads the variable with getenv at its
/// first allocation, so it must be in the native environment (.NET's
/// Environment.SetEnvironmentVariable does not reach getenv on Unix) before libtorch allocates.
/// </summary>
public static class LibTorchAllocator
{
    /// <summary>The variable libtorch's CPU allocator reads.</summary>
    public const string HugePagesVariable = "THP_MEM_ALLOC_ENABLE";

    /// <summary>
    /// Sets THP_MEM_ALLOC_ENABLE=1 in the native environment unless it is already set (the user's
    /// value wins); returns its value now ("" where it could not be read or set, e.g. not Linux).
    /// Effective only when called before libtorch's first tensor allocation in this process.
    /// </summary>
    public static string EnableHugePages()
    {
        if (!OperatingSystem.IsLinux())
            return "";
        try
        {
            if (NativeGetenv(HugePagesVariable) is null)
                _ = NativeSetenv(HugePagesVariable, "1", 0);
            return NativeGetenv(HugePagesVariable) ?? "";
        }
        catch (DllNotFoundException)
        {
            return "";
        }
        catch (EntryPointNotFoundException)
        {
            return "";
        }
    }

    private static string? NativeGetenv(string name) => Marshal.PtrToStringUTF8(getenv(name));

    private static int NativeSetenv(string name, string value, int overwrite) => setenv(name, value, overwrite);

#pragma warning disable SYSLIB1054, CA2101 // plain libc calls; ASCII names and values
    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern IntPtr getenv(string name);

    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int setenv(string name, string value, int overwrite);
#pragma warning restore SYSLIB1054, CA2101
}
