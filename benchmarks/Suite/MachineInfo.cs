using static TorchSharp.torch;

namespace Dupn.MLNet.Benchmarks;

/// <summary>The machine a benchmark ran on, read from /proc where it exists (Linux).</summary>
/// <param name="Cores">Logical processors (nproc).</param>
/// <param name="CpuModel">"model name" of /proc/cpuinfo, or "unknown".</param>
/// <param name="MemoryMiB">MemTotal of /proc/meminfo, or 0 when unknown.</param>
/// <param name="LoadAverage1">The 1-minute load average when the run started (-1 when unknown): above the core count the numbers measure the neighbours too.</param>
/// <param name="TorchThreadsDefault">torch.get_num_threads() before the benchmark changed it.</param>
/// <param name="OmpWaitPolicy">The OMP_WAIT_POLICY environment variable libtorch's OpenMP started with ("" when unset: active spinning). PASSIVE matters on a shared machine: spinning threads fight the neighbours.</param>
/// <param name="HugePages">THP_MEM_ALLOC_ENABLE as libtorch sees it (<see cref="LibTorchAllocator"/>; "" when unset or unknown).</param>
public sealed record MachineInfo(int Cores, string CpuModel, long MemoryMiB, double LoadAverage1, int TorchThreadsDefault, string OmpWaitPolicy, string HugePages)
{
    /// <summary>Reads the current machine, given libtorch's default thread count and the allocator setting.</summary>
    public static MachineInfo Read(int torchThreadsDefault, string hugePages) => new(
        Environment.ProcessorCount, ReadCpuModel(), ReadMemoryMiB(), LoadAverage(), torchThreadsDefault,
        Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "", hugePages);

    /// <summary>The current 1-minute load average, or -1 where /proc/loadavg does not exist.</summary>
    public static double LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
            return -1;
        string first = File.ReadAllText(path).Split(' ')[0];
        return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double load) ? load : -1;
    }

    /// <summary>libtorch's intra-op thread count now.</summary>
    public static int TorchThreads() => get_num_threads();

    private static string ReadCpuModel()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path))
            return "unknown";
        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static long ReadMemoryMiB()
    {
        const string path = "/proc/meminfo";
        if (!File.Exists(path))
            return 0;
        string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        if (line is null)
            return 0;
        string kb = line["MemTotal:".Length..].Trim().Split(' ')[0];
        return long.TryParse(kb, out long value) ? value / 1024 : 0;
    }
}
