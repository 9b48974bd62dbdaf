using System.Security.Cryptography;
using System.Text;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Checks an exported DUPN graph before ONNX Runtime sees it: the bytes must be a complete protobuf
/// message and match the SHA-256 the exporter stored in the metadata entry <see cref="DupnGraphNames.MetaSha256"/>
/// (a hash of the model without that entry). ONNX has no checksum of its own, so without this a
/// truncated file is a native parse error and a flipped weight bit silently changes the scores.
/// </summary>
internal static class DupnOnnxIntegrity
{
    private const int MetadataPropsField = 14; // ModelProto.metadata_props
    private const int KeyField = 1, ValueField = 2; // StringStringEntryProto

    /// <summary>Throws <see cref="InvalidDataException"/> unless <paramref name="model"/> is an intact DUPN graph.</summary>
    public static void Verify(byte[] model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Length == 0)
            throw new InvalidDataException($"{source} is empty (0 bytes): not an ONNX model.");
        int checksumStart = -1, checksumEnd = -1;
        string? expected = null;
        int pos = 0;
        while (pos < model.Length)
        {
            int fieldStart = pos;
            ulong tag = ReadVarint(model, ref pos, source);
            int field = (int)(tag >> 3);
            int wire = (int)(tag & 7);
            if (field == 0)
                throw Damaged(source, fieldStart);
            if (wire == 2)
            {
                int length = ReadLength(model, ref pos, source);
                if (field == MetadataPropsField)
                {
                    var (key, value) = ReadEntry(model, pos, length, source);
                    if (key == DupnGraphNames.MetaSha256)
                    {
                        checksumStart = fieldStart;
                        checksumEnd = pos + length;
                        expected = value;
                    }
                }
                pos += length;
            }
            else
            {
                Skip(model, ref pos, wire, source);
            }
        }
        if (expected is null)
            throw new InvalidDataException(
                $"{source} has no '{DupnGraphNames.MetaSha256}' checksum in its metadata: it is not a DUPN graph exported by Dupn.MLNet.Export (or one from before checksums); export it again.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(model, 0, checksumStart);
        hash.AppendData(model, checksumEnd, model.Length - checksumEnd);
        string actual = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException(
                $"{source} is damaged: its SHA-256 does not match the checksum in its metadata (the file was truncated or modified). Export it again or restore a good copy.");
    }

    private static (string? Key, string? Value) ReadEntry(byte[] data, int start, int length, string source)
    {
        string? key = null, value = null;
        int pos = start, end = start + length;
        while (pos < end)
        {
            ulong tag = ReadVarint(data, ref pos, source);
            int wire = (int)(tag & 7);
            if (wire != 2)
            {
                Skip(data, ref pos, wire, source);
                continue;
            }
            int n = ReadLength(data, ref pos, source);
            if (pos + n > end)
                throw Damaged(source, pos);
            string text = Encoding.UTF8.GetString(data, pos, n);
            if ((int)(tag >> 3) == KeyField) key = text;
            else if ((int)(tag >> 3) == ValueField) value = text;
            pos += n;
        }
        if (pos != end)
            throw Damaged(source, pos);
        return (key, value);
    }

    private static void Skip(byte[] data, ref int pos, int wire, string source)
    {
        switch (wire)
        {
            case 0: ReadVarint(data, ref pos, source); break;
            case 1: Advance(data, ref pos, 8, source); break;
            case 5: Advance(data, ref pos, 4, source); break;
            case 2: Advance(data, ref pos, ReadLength(data, ref pos, source), source); break;
            default: throw Damaged(source, pos); // groups (3, 4) and 6, 7 never occur in ONNX
        }
    }

    private static void Advance(byte[] data, ref int pos, int count, string source)
    {
        if (count > data.Length - pos)
            throw Damaged(source, pos);
        pos += count;
    }

    private static int ReadLength(byte[] data, ref int pos, string source)
    {
        ulong length = ReadVarint(data, ref pos, source);
        if (length > (ulong)(data.Length - pos))
            throw Damaged(source, pos);
        return (int)length;
    }

    private static ulong ReadVarint(byte[] data, ref int pos, string source)
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length)
                throw Damaged(source, pos);
            byte b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
        throw Damaged(source, pos);
    }

    private static InvalidDataException Damaged(string source, int offset) =>
        new($"{source} is truncated or damaged: it is not a complete ONNX model (bad protobuf at byte {offset}). Export it again or restore a good copy.");
}
