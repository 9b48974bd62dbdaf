using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dupn.MLNet.IO;

namespace Dupn.MLNet;

/// <summary>
/// Reads and writes a <see cref="StateDict"/> as one self-checking binary file:
/// magic "DUPNSD", format version, (from format 2) the writing library's version and the architecture
/// as JSON (empty when not given), tensor count, then per tensor its name, shape and float32
/// values (little-endian), and finally the SHA-256 of everything before it. A truncated, empty or
/// bit-flipped file fails the checksum with a clear error instead of yielding garbage weights.
/// </summary>
public static class StateDictFile
{
    /// <summary>The format version this library writes; loading a newer one is refused.</summary>
    public const int FormatVersion = 2;

    /// <summary>The version of this library, written into every file (informational version without the commit).</summary>
    public static string LibraryVersion { get; } =
        typeof(StateDictFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static readonly byte[] Magic = "DUPNSD"u8.ToArray();
    private const int HashLength = 32;

    /// <summary>Writes the file; <paramref name="architecture"/> (optional) is recorded so the weights say what network they belong to.</summary>
    public static void Write(StateDict state, Stream stream, DupnArchitecture? architecture = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(LibraryVersion);
            writer.Write(architecture is null ? "" : DupnArchitectureJson.Serialize(architecture));
            writer.Write(state.Count);
            foreach (string name in state.Names.Order(StringComparer.Ordinal))
            {
                var tensor = state[name];
                writer.Write(name);
                writer.Write(tensor.Shape.Length);
                foreach (int dim in tensor.Shape)
                    writer.Write(dim);
                var bytes = new byte[tensor.Values.Length * sizeof(float)];
                Buffer.BlockCopy(tensor.Values, 0, bytes, 0, bytes.Length);
                if (!BitConverter.IsLittleEndian)
                    throw new PlatformNotSupportedException("State dict files are little-endian; big-endian machines are not supported.");
                writer.Write(bytes);
            }
        }
        byte[] body = buffer.ToArray();
        stream.Write(body);
        stream.Write(SHA256.HashData(body));
    }

    public static StateDict Read(Stream stream, string source = "state dict") => Read(stream, source, out _);

    /// <summary>Reads the file and what it records about itself (format, library version, architecture).</summary>
    public static StateDict Read(Stream stream, string source, out StateDictFileInfo info)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        byte[] all = copy.ToArray();
        if (all.Length < Magic.Length + HashLength + 8)
            throw new InvalidDataException($"{source}: the file is {all.Length} bytes, too short to be a Dupn.MLNet state dict (truncated or empty).");
        if (!all.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{source}: not a Dupn.MLNet state dict (wrong magic bytes).");
        var body = all.AsSpan(0, all.Length - HashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(all.AsSpan(all.Length - HashLength)))
            throw new InvalidDataException($"{source}: checksum mismatch: the file is damaged (truncated or modified). Restore it from a good copy or retrain.");

        using var reader = new BinaryReader(new MemoryStream(all, 0, all.Length - HashLength), Encoding.UTF8);
        reader.ReadBytes(Magic.Length);
        int version = reader.ReadInt32();
        // From format 2 on, the writer's version follows the format number, so even a newer file can say who wrote it.
        string writer = version >= 2 ? reader.ReadString() : "unknown (format 1)";
        if (version > FormatVersion)
            throw new InvalidDataException($"{source}: state dict format {version} (written by Dupn.MLNet {writer}) is newer than this library reads ({FormatVersion}, Dupn.MLNet {LibraryVersion}); update Dupn.MLNet.");
        string architectureJson = version >= 2 ? reader.ReadString() : "";
        info = new StateDictFileInfo(version, writer, architectureJson.Length == 0 ? null : DupnArchitectureJson.Deserialize(architectureJson));
        int count = reader.ReadInt32();
        var state = new StateDict();
        for (int t = 0; t < count; t++)
        {
            string name = reader.ReadString();
            int rank = reader.ReadInt32();
            var shape = new int[rank];
            for (int d = 0; d < rank; d++)
                shape[d] = reader.ReadInt32();
            long elements = shape.Aggregate(1L, (a, b) => a * b);
            var values = new float[elements];
            byte[] bytes = reader.ReadBytes(checked((int)(elements * sizeof(float))));
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            state.Add(name, shape, values);
        }
        return state;
    }

    /// <summary>Writes atomically: to a temporary file beside <paramref name="path"/>, flushed, then a rename.</summary>
    public static void Save(StateDict state, string path, DupnArchitecture? architecture = null) =>
        AtomicFile.Write(path, stream => Write(state, stream, architecture));

    public static StateDict Load(string path) => Load(path, out _);

    /// <summary>Loads the file and what it records about itself.</summary>
    public static StateDict Load(string path, out StateDictFileInfo info)
    {
        using var file = File.OpenRead(path);
        return Read(file, path, out info);
    }
}
