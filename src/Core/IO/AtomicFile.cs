namespace Dupn.MLNet.IO;

/// <summary>
/// Writes a file so that readers see either the previous content or the complete new one: the bytes
/// go to a uniquely named temporary file beside the target, are flushed to disk, and the temporary
/// file is renamed over the target. A failure (or a killed process) before the rename leaves the
/// previous file untouched; the temporary file is removed on failure.
/// </summary>
/// <remarks>Compiled into Dupn.MLNet.Transforms and Dupn.MLNet.Export (linked source), which do not reference each other.</remarks>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
