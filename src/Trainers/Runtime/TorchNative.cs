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
/// own files are never modified. Every Dupn.MLNet entry point that uses TorchSharp calls
/// <see cref="EnsureLoadable"/>; a notebook that uses TorchSharp directly calls it once, first.
/// </remarks>
public static class TorchNative
{
    private static readonly object Gate = new();
    private static bool _done;

    /// <summary>Idempotent and cheap after the first call; does nothing off Linux or where libstdc++ has GLIBCXX_3.4.32.</summary>
    public static void EnsureLoadable()
    {
        lock (Gate)
        {
            if (_done)
                return;
            _done = true;
            if (!OperatingSystem.IsLinux() || ElfVersionPatch.SystemLibStdCxxProvides(ElfVersionPatch.UnneededVersion))
                return;

            // typeof() does not run torch's static constructor, which is what loads the natives.
            string? managedDir = Path.GetDirectoryName(typeof(torch).Assembly.Location);
            if (!string.IsNullOrEmpty(managedDir))
                PrepareBeside(managedDir);
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
