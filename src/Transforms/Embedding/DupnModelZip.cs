using System.IO.Compression;
using Microsoft.ML;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Checks an ML.NET model zip that holds a DupnUserEmbedding (or any) pipeline before it is used.
/// <c>mlContext.Model.Load</c> alone does not notice a flipped bit: ML.NET reads each part by its
/// length and never reaches the end of the zip entry, where the CRC-32 would be compared, and ONNX
/// has no checksum, so a damaged weight loads and scores wrongly. <see cref="Verify"/> compares every
/// entry with its CRC-32 and every embedded DUPN graph with its SHA-256; <see cref="Load"/> verifies
/// and then loads.
/// </summary>
public static class DupnModelZip
{
    /// <summary>Throws <see cref="InvalidDataException"/> naming the file and the damaged part unless the zip is intact.</summary>
    public static void Verify(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The model zip '{path}' does not exist.", path);
        try
        {
            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries)
            {
                byte[] bytes = ReadAll(entry);
                if (System.IO.Hashing.Crc32.HashToUInt32(bytes) != entry.Crc32) // the zip format's CRC-32 (IEEE 802.3)
                    throw new InvalidDataException($"{path} is damaged: the CRC-32 of its entry '{entry.FullName}' does not match (the file was truncated or modified).");
                // ML.NET stores an ONNX model as a 4-byte length and the bytes (OnnxTransformer's "OnnxModel" stream).
                if (entry.Name.EndsWith("OnnxModel", StringComparison.Ordinal) && bytes.Length >= 4
                    && BitConverter.ToInt32(bytes, 0) == bytes.Length - 4 && Contains(bytes, DupnGraphNames.MetaSha256))
                    DupnOnnxIntegrity.Verify(bytes[4..], $"{path} (entry '{entry.FullName}')");
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} is not a readable ML.NET model zip (truncated or damaged): {e.Message}", e);
        }
    }

    /// <summary><see cref="Verify"/>, then <c>mlContext.Model.Load</c>.</summary>
    public static ITransformer Load(MLContext mlContext, string path, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        Verify(path);
        return mlContext.Model.Load(path, out inputSchema);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static bool Contains(byte[] bytes, string ascii) =>
        bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(ascii)) >= 0;
}
