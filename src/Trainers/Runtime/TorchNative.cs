using Dupn.MLNet.Build;
using TorchSharp;

namespace Dupn.MLNet.Trainers.Runtime;

/// <summary>
/// Makes TorchSharp's native library loadable before its first use, where the build step of this
/// repository cannot help: notebooks and scripts that load TorchSharp straight from the NuGet cache.
/// </summary>
/// <remarks>
/// TorchSharp 0.107.0's libLibTorchSharp.so asks for GLIBCXX_3.4.32, which Debian 12, Ubuntu 22.04
/// and RHEL 9 lack (docs/troubleshooting.md). Applications built from this repository get a patched
/// copy in their output. In .NET Interactive, TorchSharp instead copies the natives into a folder
/// beside TorchSharp.dll (<c>cpu/</c>) and loads them from there, skipping files that already exist;
/// so this class puts a patched copy of libLibTorchSharp.so into that folder first. The package's
/// own files are never modified. There, too, the package's libtorch is loaded by full path first, so that a
/// system libtorch on the loader's path is not taken for it (<see cref="PreloadPackagedLibTorch"/>). Every
/// Dupn.MLNet entry point that uses TorchSharp calls <see cref="EnsureLoadable"/>; a notebook that uses
/// TorchSharp directly calls it once, first.
/// </remarks>
public static class TorchNative
{
    private static readonly object Gate = new();
    private static bool _done;

    /// <summary>Idempotent and cheap after the first call; does nothing off Linux.</summary>
    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (_done)
                return;
            _done = true;
            if (!OperatingSystem.IsLinux())
                return;

            // typeof() does not run torch's static constructor, which is what loads the natives.
            string? managedDir = Path.GetDirectoryName(typeof(torch).Assembly.Location);
            if (string.IsNullOrEmpty(managedDir))
                return;
            if (!ElfVersionPatch.SystemLibStdCxxProvides(ElfVersionPatch.UnneededVersion))
                PrepareBeside(managedDir);
            PreloadPackagedLibTorch(managedDir);
        }
    }

    /// <summary>
    /// Where TorchSharp runs from its package folder (notebooks, scripts), loads the package's own libtorch
    /// by full path before TorchSharp looks for it by bare name. Otherwise a system libtorch on the loader's
    /// path (Debian's and Ubuntu's <c>python3-torch</c> install a 1.13 <c>libtorch_cpu.so</c>) is found first, and
    /// libLibTorchSharp.so, built against 2.x, fails on its symbols. The dynamic loader reuses a library
    /// already loaded under the same soname, so TorchSharp's own load then gets these. Applications need
    /// none of this: their deps.json points the runtime at the natives in their output.
    /// </summary>
    internal static void PreloadPackagedLibTorch(string managedDir)
    {
        string torchSharpVersionDir = Path.GetFullPath(Path.Combine(managedDir, "..", ".."));
        string packages = Path.GetFullPath(Path.Combine(torchSharpVersionDir, ".."));
        if (!string.Equals(Path.GetFileName(packages), "torchsharp", StringComparison.OrdinalIgnoreCase))
            return; // not a NuGet package folder (.../torchsharp/<version>/lib/<tfm>/)
        string libtorchRoot = Path.Combine(Path.GetDirectoryName(packages)!, "libtorch-cpu-linux-x64");
        string? natives = Directory.Exists(libtorchRoot)
            ? Directory.GetDirectories(libtorchRoot)
                .Select(d => (Dir: Path.Combine(d, "runtimes", "linux-x64", "native"), Version: Version.TryParse(Path.GetFileName(d), out var v) ? v : null))
                .Where(x => x.Version is not null && File.Exists(Path.Combine(x.Dir, "libtorch_cpu.so")))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault()
            : null;
        if (natives is null)
            return;
        // Dependencies first; each by full path, so nothing is looked up on the loader's search path.
        foreach (string library in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            string path = Path.Combine(natives, library);
            if (File.Exists(path))
                System.Runtime.InteropServices.NativeLibrary.TryLoad(path, out _);
        }
    }

    /// <summary>Patches the natives TorchSharp will load when its managed assembly is in <paramref name="managedDir"/>.</summary>
    internal static void PrepareBeside(string managedDir)
    {
        // 1. An application output folder: the build normally patched it already.
        PatchIfPresent(Path.Combine(managedDir, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
        // 1b. A RID-specific publish (the linux-x64 `dupn` tool package) puts natives beside the
        //     assemblies, copied from the package unpatched: patch it where it was installed.
        PatchIfPresent(Path.Combine(managedDir, "libLibTorchSharp.so"));

        // 2. TorchSharp loaded from its package folder (.../torchsharp/<version>/lib/<tfm>/).
        string packageRoot = Path.GetFullPath(Path.Combine(managedDir, "..", ".."));
        string packaged = Path.Combine(packageRoot, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (File.Exists(packaged))
        {
            string consolidated = Path.Combine(managedDir, "cpu");
            Directory.CreateDirectory(consolidated);
            string copy = Path.Combine(consolidated, "libLibTorchSharp.so");
            if (!File.Exists(copy))
            {
                string temp = copy + ".tmp-" + Environment.ProcessId;
                File.Copy(packaged, temp, overwrite: true);
                File.Move(temp, copy, overwrite: true);
            }
            PatchIfPresent(copy);
        }
    }

    private static void PatchIfPresent(string path)
    {
        if (File.Exists(path))
            ElfVersionPatch.WeakenVersionNeed(path, ElfVersionPatch.UnneededVersion);
    }
}
