using System.Diagnostics;

namespace Dupn.MLNet.IO;

/// <summary>
/// Replaces a folder by a fully written one so that a process killed at any moment leaves either
/// the previous folder or the new one readable, never a mix.
/// </summary>
/// <remarks>
/// A non-empty folder cannot be replaced by one rename, so replacing takes two: the previous folder
/// is renamed aside (<c>.NAME.old-*</c>), then the new one into place, then the old one deleted. A
/// kill between the two renames leaves no folder at the target, only the intact previous one
/// beside it; <see cref="Resolve"/> reads that one and <see cref="Recover"/> (run by the next
/// replace) puts it back. New folders are written as <c>.NAME.saving-PID-*</c>; one whose process
/// is gone was abandoned mid-write and is removed.
/// </remarks>
internal static class AtomicFolder
{
    /// <summary>A fresh folder beside <paramref name="target"/> to write the new version into.</summary>
    public static string NewTemporary(string target)
    {
        var (parent, name) = Split(target);
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{name}.saving-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        return temp;
    }

    /// <summary>Moves the fully written <paramref name="temp"/> to <paramref name="target"/>, replacing what is there.</summary>
    public static void Replace(string temp, string target)
    {
        Recover(target);
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }
        var (parent, name) = Split(target);
        string old = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}");
        Directory.Move(target, old);
        Directory.Move(temp, target);
        Directory.Delete(old, recursive: true);
    }

    /// <summary>
    /// The folder to read for <paramref name="target"/>: itself, or, when a replace was killed
    /// between its two renames, the intact previous version it had renamed aside.
    /// </summary>
    public static string Resolve(string target) =>
        Directory.Exists(target) ? target : SetAside(target).FirstOrDefault() ?? target;

    /// <summary>
    /// Repairs what an earlier, killed replace left: puts the previous version back when the target
    /// is missing, and deletes leftovers (versions set aside, abandoned temporary folders).
    /// </summary>
    public static void Recover(string target)
    {
        var (parent, name) = Split(target);
        if (!Directory.Exists(parent))
            return;
        var aside = SetAside(target).ToList();
        if (!Directory.Exists(target) && aside.Count > 0)
        {
            Directory.Move(aside[0], target);
            aside.RemoveAt(0);
        }
        foreach (string leftover in aside)
            Directory.Delete(leftover, recursive: true);
        foreach (string temp in Directory.EnumerateDirectories(parent, $".{name}.saving-*"))
        {
            if (WriterIsGone(Path.GetFileName(temp)[$".{name}.saving-".Length..]))
                Directory.Delete(temp, recursive: true);
        }
    }

    // Versions renamed aside by a replace, the most recent first. Only a complete one can be the
    // previous version: one whose deletion was interrupted misses files (and its target exists).
    private static IEnumerable<string> SetAside(string target)
    {
        var (parent, name) = Split(target);
        if (!Directory.Exists(parent))
            return [];
        return Directory.EnumerateDirectories(parent, $".{name}.old-*")
            .OrderByDescending(Directory.GetLastWriteTimeUtc)
            .ToList();
    }

    private static bool WriterIsGone(string pidAndGuid)
    {
        int dash = pidAndGuid.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(pidAndGuid.AsSpan(0, dash), out int pid))
            return false; // not a name this class writes: leave it alone
        if (pid == Environment.ProcessId)
            return false; // a save of this process that may be in progress on another thread
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }

    private static (string Parent, string Name) Split(string target)
    {
        string full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return (Path.GetDirectoryName(full) ?? ".", Path.GetFileName(full));
    }
}
