using System.Reflection;
using System.Security.Cryptography;
using Dupn.MLNet.Export.Tests.Reference;
using Dupn.MLNet.IO;
using Dupn.MLNet.Tests;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Dupn.MLNet.Export.Tests.Reliability;

/// <summary>
/// Issue 7, artifacts written by the exporter: the ONNX graph records its format, the library version,
/// the architecture and a SHA-256 of everything else; saves are atomic (a failure half-way leaves the
/// previous file); the state dict records its format, the library version and the architecture. The loaders' side is in Dupn.MLNet.Transforms.Tests/Reliability/DamagedModelTests.
/// </summary>
public sealed class ArtifactIntegrityTests
{
    private static readonly DupnArchitecture Arch = RandomStateDict.SmallArchitecture();
    private static readonly StateDict Weights = RandomStateDict.Create(Arch, 5);

    [Theory]
    [InlineData(DupnGraphKind.User)]
    [InlineData(DupnGraphKind.Items)]
    [InlineData(DupnGraphKind.Full)]
    public void ChecksumIsTheLastMetadataEntryAndCoversEveryOtherByte(DupnGraphKind kind)
    {
        byte[] bytes = DupnOnnxExporter.ExportBytes(Arch, Weights, kind);
        var model = ModelProto.Parser.ParseFrom(bytes);
        var last = model.MetadataProps[^1];
        Assert.Equal(DupnGraphNames.MetaSha256, last.Key);
        model.MetadataProps.RemoveAt(model.MetadataProps.Count - 1);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(model.ToByteArray())).ToLowerInvariant(), last.Value);

        // The version the graph records is this library's, and ONNX Runtime sees all the metadata.
        using var session = new InferenceSession(bytes);
        var meta = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(typeof(DupnOnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion,
            meta[DupnGraphNames.MetaLibraryVersion]);
        Assert.Equal(DupnOnnxExporter.FormatVersion, meta[DupnGraphNames.MetaFormatVersion]);
        Assert.Equal(last.Value, meta[DupnGraphNames.MetaSha256]);
        Assert.Equal(Arch.Variant, DupnOnnxExporter.ArchitectureFromJson(meta[DupnGraphNames.MetaArchitecture]).Variant);
    }

    [Theory]
    [InlineData(99, null)]
    [InlineData(null, 42)]
    public void UnknownVariantOrTaskIsRefusedBeforeExporting(int? variant, int? task)
    {
        var arch = Arch with
        {
            Variant = variant is int v ? (DupnVariant)v : Arch.Variant,
            Tasks = task is int t ? [DupnTask.Ctr, (DupnTask)t] : Arch.Tasks,
        };
        var error = Assert.Throws<ArgumentException>(() => DupnOnnxExporter.ExportBytes(arch, Weights, DupnGraphKind.User));
        Assert.Equal(variant is not null
            ? "DupnArchitecture.Variant 99 is unknown; expected one of " + string.Join(", ", Enum.GetNames<DupnVariant>()) + "."
            : "DupnArchitecture.Tasks holds the unknown task 42; expected " + string.Join(", ", Enum.GetNames<DupnTask>()) + ".", error.Message);
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousOnnxAndStateDictIntact()
    {
        using var dir = RepoPaths.NewTempDir();
        string onnx = Path.Combine(dir.Path, "user.onnx");
        string weights = Path.Combine(dir.Path, "weights.bin");
        DupnOnnxExporter.Save(Arch, Weights, DupnGraphKind.User, onnx);
        StateDictFile.Save(Weights, weights);
        byte[] onnxBefore = File.ReadAllBytes(onnx), weightsBefore = File.ReadAllBytes(weights);

        // An export that fails (a weight missing) writes nothing over the good file.
        Assert.ThrowsAny<Exception>(() => DupnOnnxExporter.Save(Arch, new StateDict(), DupnGraphKind.User, onnx));
        // A write that dies half-way (the disk fills) leaves the previous bytes and no temporary file.
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(weights, s => StateDictFile.Write(Weights, new FullDiskStream(s, weightsBefore.Length / 3))));
        Assert.Equal("No space left on device (simulated).", error.Message);
        Assert.Throws<IOException>(() => AtomicFile.Write(onnx, s => new FullDiskStream(s, 100).Write(onnxBefore)));

        Assert.Equal(onnxBefore, File.ReadAllBytes(onnx));
        Assert.Equal(weightsBefore, File.ReadAllBytes(weights));
        Assert.Equal(Weights.Count, StateDictFile.Load(weights).Count);
        Assert.Equal(["user.onnx", "weights.bin"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void StateDictRecordsFormatLibraryVersionAndArchitecture()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir.Path, "weights.bin");
        StateDictFile.Save(Weights, path, Arch);
        var loaded = StateDictFile.Load(path, out var info);
        Assert.Equal(Weights.Count, loaded.Count);
        Assert.Equal(2, info.FormatVersion);
        Assert.Equal(StateDictFile.LibraryVersion, info.LibraryVersion);
        Assert.False(string.IsNullOrEmpty(info.LibraryVersion));
        Assert.Equal(DupnArchitectureJson.Serialize(Arch), DupnArchitectureJson.Serialize(info.Architecture!));
        StateDictFile.Save(Weights, path);
        StateDictFile.Load(path, out var bare);
        Assert.Null(bare.Architecture);
    }

    /// <summary>A file body by hand: magic, format, then <paramref name="afterVersion"/>, then the SHA-256.</summary>
    private static byte[] HandMade(int format, Action<BinaryWriter> afterVersion)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write("DUPNSD"u8.ToArray());
            w.Write(format);
            afterVersion(w);
        }
        byte[] bytes = body.ToArray();
        return [.. bytes, .. SHA256.HashData(bytes)];
    }

    [Fact]
    public void FormatOneStateDictsStillLoadAndNewerOnesAreRefusedNamingTheWriter()
    {
        byte[] v1 = HandMade(1, w =>
        {
            w.Write(1);
            w.Write("bias");
            w.Write(1);
            w.Write(2);
            w.Write(1.5f);
            w.Write(-2f);
        });
        var old = StateDictFile.Read(new MemoryStream(v1), "old.bin", out var info);
        Assert.Equal([1.5f, -2f], old["bias"].Values);
        Assert.Equal(new StateDictFileInfo(1, "unknown (format 1)", null), info);

        byte[] v3 = HandMade(3, w =>
        {
            w.Write("9.9.9");
            w.Write(new byte[] { 1, 2, 3 });
        });
        var error = Assert.Throws<InvalidDataException>(() => StateDictFile.Read(new MemoryStream(v3), "new.bin"));
        Assert.Equal($"new.bin: state dict format 3 (written by Dupn.MLNet 9.9.9) is newer than this library reads (2, Dupn.MLNet {StateDictFile.LibraryVersion}); update Dupn.MLNet.", error.Message);
    }
}
