using Dupn.MLNet.Build;
using Dupn.MLNet.Tests;
using Dupn.MLNet.Trainers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests;

/// <summary>
/// TorchSharp's native library must really load and train here: a broken native load (for
/// example the GLIBCXX_3.4.32 problem on Debian 12) can never pass quietly.
/// </summary>
public class TorchSharpLoadsTests
{
    [Fact]
    public void TinyModuleTrainsAndItsLossFalls()
    {
        TorchRuntime.Seed(7);
        using var scope = NewDisposeScope();
        var x = randn(256, 8);
        var trueWeights = linspace(-1, 1, 8).reshape(8, 1);
        var y = x.matmul(trueWeights) + 0.5f;

        var model = nn.Sequential(("fc1", nn.Linear(8, 16)), ("act", nn.Tanh()), ("fc2", nn.Linear(16, 1)));
        var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        var lossFn = nn.MSELoss();

        float first = 0, last = 0;
        for (int step = 0; step < 200; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }

        Assert.True(last < first * 0.05f, $"loss went from {first} to {last}; expected a fall of at least 20x");
    }

    [Fact]
    public void OnlyTheOutputCopyOfLibTorchSharpIsPatched()
    {
        if (!OperatingSystem.IsLinux() || ElfVersionPatch.SystemLibStdCxxProvides(ElfVersionPatch.UnneededVersion))
            return; // the build leaves the library alone where nothing needs patching

        string output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(output), $"expected TorchSharp's native library at {output}");
        ushort? outputFlags = ElfVersionPatch.ReadVersionNeedFlags(File.ReadAllBytes(output), ElfVersionPatch.UnneededVersion);
        Assert.Equal(2, outputFlags!.Value & 2);

        string cached = NuGetCacheCopy();
        ushort? cachedFlags = ElfVersionPatch.ReadVersionNeedFlags(File.ReadAllBytes(cached), ElfVersionPatch.UnneededVersion);
        Assert.Equal(0, cachedFlags!.Value & 2);
    }

    [Fact]
    public void PatchMarksOnlyTheOneRequirementWeakAndIsIdempotent()
    {
        using var temp = RepoPaths.NewTempDir();
        string copy = Path.Combine(temp.Path, "libLibTorchSharp.so");
        File.Copy(NuGetCacheCopy(), copy);
        byte[] before = File.ReadAllBytes(copy);

        Assert.Equal(ElfPatchResult.Patched, ElfVersionPatch.WeakenVersionNeed(copy, ElfVersionPatch.UnneededVersion));
        Assert.Equal(ElfPatchResult.AlreadyWeak, ElfVersionPatch.WeakenVersionNeed(copy, ElfVersionPatch.UnneededVersion));
        Assert.Equal(ElfPatchResult.NotRequired, ElfVersionPatch.WeakenVersionNeed(copy, "GLIBCXX_9.9.99"));

        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Single(changed); // one byte: the low byte of that Vernaux entry's flags
        Assert.Equal((ushort?)2, ElfVersionPatch.ReadVersionNeedFlags(after, ElfVersionPatch.UnneededVersion));
        Assert.Equal(0, ElfVersionPatch.ReadVersionNeedFlags(after, "GLIBCXX_3.4.26")!.Value & 2);
    }

    [Fact]
    public void PatchRejectsFilesThatAreNotElf()
    {
        using var temp = RepoPaths.NewTempDir();
        string bogus = Path.Combine(temp.Path, "libLibTorchSharp.so");
        File.WriteAllText(bogus, "this is not a shared library");
        var error = Assert.Throws<InvalidDataException>(() => ElfVersionPatch.WeakenVersionNeed(bogus, ElfVersionPatch.UnneededVersion));
        Assert.Contains("Not an ELF file", error.Message);
    }

    internal static string NuGetCacheCopy()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string version = typeof(torch).Assembly.GetName().Version!.ToString(3);
        string path = Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp's native library not found in the NuGet cache at {path}");
        return path;
    }
}

public class TorchNativeTests
{
    [Fact]
    public void PackageLayoutGetsAPatchedConsolidatedCopyAndTheOriginalStays()
    {
        if (!OperatingSystem.IsLinux())
            return; // the requirement exists only in the Linux build of the library
        using var temp = RepoPaths.NewTempDir();
        string managed = Path.Combine(temp.Path, "torchsharp", "0.107.0", "lib", "net8.0");
        string native = Path.Combine(temp.Path, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native");
        Directory.CreateDirectory(managed);
        Directory.CreateDirectory(native);
        string original = Path.Combine(native, "libLibTorchSharp.so");
        File.Copy(TorchSharpLoadsTests.NuGetCacheCopy(), original);

        TorchNative.PrepareBeside(managed);
        TorchNative.PrepareBeside(managed); // idempotent

        string consolidated = Path.Combine(managed, "cpu", "libLibTorchSharp.so");
        Assert.Equal((ushort)2, (ushort)(ElfVersionPatch.ReadVersionNeedFlags(File.ReadAllBytes(consolidated), ElfVersionPatch.UnneededVersion)!.Value & 2));
        Assert.Equal(0, ElfVersionPatch.ReadVersionNeedFlags(File.ReadAllBytes(original), ElfVersionPatch.UnneededVersion)!.Value & 2);
    }
}
