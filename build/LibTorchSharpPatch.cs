// Makes TorchSharp 0.107.0's libLibTorchSharp.so load on Linux distributions whose libstdc++ is
// older than GCC 13 (Debian 12, Ubuntu 22.04, RHEL 9).
//
// Why: the library was linked against GCC 13's <iostream>, which references the marker symbol
// std::ios_base_library_init (version GLIBCXX_3.4.32). No relocation uses it and nothing calls
// it, but the dynamic loader refuses any library whose version requirements it cannot meet.
// Marking that single requirement weak (VER_FLG_WEAK in its Vernaux entry) tells the loader it
// may be missing, which is exactly the truth. libtorch's own libraries only need 3.4.26.
//
// This file is compiled by MSBuild's RoslynCodeTaskFactory (see Directory.Build.targets) and,
// with ELF_PATCH_NO_TASK defined, into Dupn.MLNet.Trainers (TorchNative, for notebooks and
// scripts that load TorchSharp from the NuGet cache). It depends on nothing but netstandard2.0's BCL.
using System;
using System.IO;
using System.Text;

namespace Dupn.MLNet.Build
{
    /// <summary>Outcome of <see cref="ElfVersionPatch.WeakenVersionNeed"/>.</summary>
    internal enum ElfPatchResult
    {
        /// <summary>The requirement was found and marked weak in a new copy of the file.</summary>
        Patched,
        /// <summary>The requirement is already weak: nothing to do (the patch is idempotent).</summary>
        AlreadyWeak,
        /// <summary>The file does not require that version at all.</summary>
        NotRequired,
    }

    /// <summary>Reads and edits the GNU version-needs section (SHT_GNU_verneed) of a 64-bit little-endian ELF file.</summary>
    internal static class ElfVersionPatch
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        /// <summary>The version requirement TorchSharp 0.107.0 does not really need.</summary>
        public const string UnneededVersion = "GLIBCXX_3.4.32";

        /// <summary>Returns the Vernaux flags of <paramref name="versionName"/>, or null if the file does not require it.</summary>
        public static ushort? ReadVersionNeedFlags(byte[] elf, string versionName)
        {
            int offset = FindVernauxFlagsOffset(elf, versionName);
            return offset < 0 ? null : BitConverter.ToUInt16(elf, offset);
        }

        /// <summary>
        /// Marks the requirement <paramref name="versionName"/> weak. The file is replaced (written to a
        /// temporary file, then renamed), never written in place, so a hard link into the NuGet cache
        /// is broken rather than followed.
        /// </summary>
        public static ElfPatchResult WeakenVersionNeed(string path, string versionName)
        {
            byte[] elf = File.ReadAllBytes(path);
            int offset = FindVernauxFlagsOffset(elf, versionName);
            if (offset < 0)
                return ElfPatchResult.NotRequired;
            ushort flags = BitConverter.ToUInt16(elf, offset);
            if ((flags & VerFlagWeak) != 0)
                return ElfPatchResult.AlreadyWeak;

            flags |= VerFlagWeak;
            elf[offset] = (byte)(flags & 0xff);
            elf[offset + 1] = (byte)(flags >> 8);

            string temp = path + ".patching";
            File.WriteAllBytes(temp, elf);
            File.Replace(temp, path, destinationBackupFileName: null); // a rename: atomic, and it breaks hard links
            return ElfPatchResult.Patched;
        }

        /// <summary>True when a libstdc++ on this machine already provides <paramref name="versionName"/>.</summary>
        public static bool SystemLibStdCxxProvides(string versionName)
        {
            string[] candidates =
            {
                "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
                "/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
                "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
            };
            byte[] needle = Encoding.ASCII.GetBytes(versionName + "\0");
            foreach (string candidate in candidates)
            {
                if (!File.Exists(candidate))
                    continue;
                if (IndexOf(File.ReadAllBytes(candidate), needle) >= 0)
                    return true;
            }
            // Not found where we looked: we cannot prove it is provided, so patching is the safe side
            // (a weak requirement that is in fact met changes nothing).
            return false;
        }

        private static int FindVernauxFlagsOffset(byte[] elf, string versionName)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("Not an ELF file.");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("Only 64-bit little-endian ELF files are supported.");

            long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
            int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3A);
            int sectionCount = BitConverter.ToUInt16(elf, 0x3C);

            for (int s = 0; s < sectionCount; s++)
            {
                long header = sectionHeaders + (long)s * sectionHeaderSize;
                uint type = BitConverter.ToUInt32(elf, (int)header + 4);
                if (type != ShtGnuVerneed)
                    continue;

                long verneed = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
                uint link = BitConverter.ToUInt32(elf, (int)header + 0x28);
                long strtabHeader = sectionHeaders + (long)link * sectionHeaderSize;
                long strtab = (long)BitConverter.ToUInt64(elf, (int)strtabHeader + 0x18);

                long need = verneed;
                while (true)
                {
                    ushort auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                    uint auxOffset = BitConverter.ToUInt32(elf, (int)need + 8);
                    uint nextNeed = BitConverter.ToUInt32(elf, (int)need + 12);
                    long aux = need + auxOffset;
                    for (int a = 0; a < auxCount; a++)
                    {
                        uint name = BitConverter.ToUInt32(elf, (int)aux + 8);
                        if (ReadCString(elf, strtab + name) == versionName)
                            return (int)aux + 4;
                        uint nextAux = BitConverter.ToUInt32(elf, (int)aux + 12);
                        if (nextAux == 0)
                            break;
                        aux += nextAux;
                    }
                    if (nextNeed == 0)
                        break;
                    need += nextNeed;
                }
            }
            return -1;
        }

        private static string ReadCString(byte[] bytes, long start)
        {
            long end = start;
            while (end < bytes.Length && bytes[end] != 0)
                end++;
            return Encoding.ASCII.GetString(bytes, (int)start, (int)(end - start));
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            int limit = haystack.Length - needle.Length;
            for (int i = 0; i <= limit; i++)
            {
                if (haystack[i] != needle[0])
                    continue;
                int j = 1;
                while (j < needle.Length && haystack[i + j] == needle[j])
                    j++;
                if (j == needle.Length)
                    return i;
            }
            return -1;
        }
    }

#if !ELF_PATCH_NO_TASK
    /// <summary>
    /// MSBuild task: weakens the GLIBCXX_3.4.32 requirement of every libLibTorchSharp.so under
    /// <see cref="Directory"/> (the build or publish output), when this machine's libstdc++ lacks it.
    /// </summary>
    public sealed class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public string Directory { get; set; } = "";

        public override bool Execute()
        {
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux) || !System.IO.Directory.Exists(Directory))
                return true;
            string[] libraries = System.IO.Directory.GetFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories);
            if (libraries.Length == 0 || ElfVersionPatch.SystemLibStdCxxProvides(ElfVersionPatch.UnneededVersion))
                return true;
            foreach (string library in libraries)
            {
                if (ElfVersionPatch.WeakenVersionNeed(library, ElfVersionPatch.UnneededVersion) == ElfPatchResult.Patched)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                        $"Dupn.MLNet: marked {ElfVersionPatch.UnneededVersion} weak in {library} (this libstdc++ lacks it; see docs/troubleshooting.md).");
            }
            return true;
        }
    }
#endif
}
