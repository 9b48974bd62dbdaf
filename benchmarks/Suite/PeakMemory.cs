using System.Diagnostics;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// The process's peak working set (VmHWM on Linux). On Linux the peak can be reset between
/// measurements by writing 5 to /proc/self/clear_refs, so each scale step gets its own peak; where
/// that is not possible the peak is the process's since start, and <see cref="TryReset"/> says so.
/// </summary>
public static class PeakMemory
{
    /// <summary>Resets the peak to the current working set; false where the OS does not allow it.</summary>
    public static bool TryReset()
    {
        const string path = "/proc/self/clear_refs";
        if (!File.Exists(path))
            return false;
        try
        {
            File.WriteAllText(path, "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The peak working set in MiB since start or since the last successful reset.</summary>
    public static double PeakMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
