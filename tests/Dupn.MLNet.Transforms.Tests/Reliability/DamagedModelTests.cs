using Dupn.MLNet.Tests;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Export.Tests.Reference;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.IO;
using Dupn.MLNet.Transforms.Tests.Embedding;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;
using Onnx;
using static Dupn.MLNet.Transforms.Tests.Embedding.EmbeddingFixture;

namespace Dupn.MLNet.Tests.Reliability;

/// <summary>
/// Issue 7, models: an exported graph that is empty, truncated, bit-flipped, of a newer format or not
/// from Dupn.MLNet is refused with a clear error by every loader (the transform, the three scorers)
/// before ONNX Runtime parses it; the ML.NET zip carries the versions and a damaged zip is refused; a
/// failed save leaves the previous file intact.
/// </summary>
public sealed class DamagedModelTests
{
    /// <summary>Every way of loading a user graph, each giving the error it raised.</summary>
    private static IEnumerable<(string Loader, Exception Error)> LoadEverywhere(byte[] user)
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir.Path, "user.onnx");
        File.WriteAllBytes(path, user);
        var ml = new MLContext();
        var loaders = new (string, Action)[]
        {
            ("DupnUserEmbedding(bytes)", () => ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = user })),
            ("DupnUserEmbedding(path)", () => ml.Transforms.DupnUserEmbedding(path)),
            ("DupnUserEmbedding(stream)", () => ml.Transforms.DupnUserEmbedding(new MemoryStream(user))),
            ("DupnUserScorer", () => new DupnUserScorer(user).Dispose()),
            ("DupnUserScorer.Load", () => DupnUserScorer.Load(path).Dispose()),
            ("DupnSplitScorer", () => new DupnSplitScorer(user, ItemsGraph).Dispose()),
        };
        foreach (var (name, load) in loaders)
            yield return (name, Assert.ThrowsAny<Exception>(load));
    }

    private static void AssertRefused(byte[] user, string expected)
    {
        foreach (var (loader, error) in LoadEverywhere(user))
        {
            Assert.True(error is InvalidDataException, $"{loader}: {error.GetType().Name}: {error.Message}");
            Assert.True(error.Message.Contains(expected), $"{loader}: '{error.Message}' does not say '{expected}'");
        }
    }

    [Fact]
    public void ZeroByteGraphIsRefusedByEveryLoader() =>
        AssertRefused([], "is empty (0 bytes): not an ONNX model.");

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void TruncatedGraphIsRefusedByEveryLoader(double keep)
    {
        int length = keep >= 1 ? (int)keep : (int)(UserGraph.Length * keep);
        var error = Assert.Throws<InvalidDataException>(() => new DupnUserScorer(UserGraph[..length]));
        Assert.Matches("^The user graph is (truncated or damaged: it is not a complete ONNX model|damaged: its SHA-256 does not match)", error.Message);
        foreach (var (_, e) in LoadEverywhere(UserGraph[..length]))
            Assert.Matches("(truncated or damaged|is damaged: its SHA-256 does not match)", e.Message);
    }

    [Fact]
    public void EveryFlippedBitIsRefusedBeforeOnnxRuntimeSeesIt()
    {
        // 400 positions spread over the file (header, graph, weights, metadata), a different bit each.
        byte[] model = UserGraph;
        int refused = 0;
        for (int k = 0; k < 400; k++)
        {
            int at = (int)((long)k * (model.Length - 1) / 399);
            byte[] flipped = (byte[])model.Clone();
            flipped[at] ^= (byte)(1 << (k % 8));
            var error = Assert.Throws<InvalidDataException>(() => new DupnUserScorer(flipped));
            Assert.Matches("^The user graph (is truncated or damaged|is damaged: its SHA-256 does not match the checksum in its metadata|has no 'dupn.sha256' checksum)", error.Message);
            refused++;
        }
        Assert.Equal(400, refused);
        // And through the transform and the full scorer, one flip in the middle (the weights).
        byte[] middle = (byte[])model.Clone();
        middle[model.Length / 2] ^= 0x10;
        AssertRefused(middle, "SHA-256 does not match");
        byte[] full = (byte[])FullGraph.Clone();
        full[full.Length / 2] ^= 0x01;
        Assert.StartsWith("The full graph is damaged", Assert.Throws<InvalidDataException>(() => new DupnFullScorer(full)).Message);
    }

    private static byte[] WithMetadata(string key, string? value)
    {
        var model = ModelProto.Parser.ParseFrom(UserGraph);
        var sha = model.MetadataProps.Single(p => p.Key == DupnGraphNames.MetaSha256);
        model.MetadataProps.Remove(sha);
        var entry = model.MetadataProps.SingleOrDefault(p => p.Key == key);
        if (value is null)
            return model.ToByteArray();
        if (entry is null)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        else
            entry.Value = value;
        model.MetadataProps.Add(new StringStringEntryProto { Key = DupnGraphNames.MetaSha256, Value = Convert.ToHexString(SHA256.HashData(model.ToByteArray())).ToLowerInvariant() });
        return model.ToByteArray();
    }

    [Fact]
    public void NewerGraphFormatIsRefusedWithBothVersions()
    {
        byte[] newer = WithMetadata(DupnGraphNames.MetaFormatVersion, "2");
        var error = Assert.Throws<InvalidDataException>(() => new DupnUserScorer(newer));
        Assert.Matches(@"^The model bytes is a DUPN graph of format 2 \(written by Dupn.MLNet .+\); this library reads format 1 or older. Update Dupn.MLNet.$", error.Message);
        foreach (var (loader, e) in LoadEverywhere(newer))
            Assert.True(e.Message.Contains("format 2") && e.Message.Contains("reads format 1 or older"), $"{loader}: {e.Message}");
    }

    [Fact]
    public void GraphWithoutChecksumIsNotTakenForADupnGraph()
    {
        byte[] bare = WithMetadata(DupnGraphNames.MetaSha256, null);
        AssertRefused(bare, "has no 'dupn.sha256' checksum in its metadata: it is not a DUPN graph exported by Dupn.MLNet.Export");
    }

    private static string SaveZip(TempDir dir, out MLContext ml, out IDataView data)
    {
        ml = new MLContext(seed: 1);
        data = DupnPaddedRows.Load(ml, Rows(6, seed: 3), N, K, Q, P);
        string zip = Path.Combine(dir.Path, "model.zip");
        ml.Model.Save(ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = UserGraph }).Fit(data), data.Schema, zip);
        return zip;
    }

    [Fact]
    public void TheMlNetZipCarriesTheGraphWithItsVersionsArchitectureAndChecksum()
    {
        using var dir = RepoPaths.NewTempDir();
        string zip = SaveZip(dir, out _, out _);
        using var archive = ZipFile.OpenRead(zip);
        var graphs = archive.Entries.Select(e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }).Where(b => b.AsSpan().IndexOf(Encoding.UTF8.GetBytes(DupnGraphNames.MetaSha256)) >= 0).ToList();
        byte[] stored = Assert.Single(graphs);
        Assert.Equal(stored.Length - 4, BitConverter.ToInt32(stored, 0)); // ML.NET's length prefix
        byte[] graph = stored[4..];
        Assert.Equal(UserGraph, graph);
        var model = ModelProto.Parser.ParseFrom(graph);
        var meta = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(DupnOnnxExporter.FormatVersion, meta[DupnGraphNames.MetaFormatVersion]);
        Assert.False(string.IsNullOrEmpty(meta[DupnGraphNames.MetaLibraryVersion]));
        Assert.Equal(N, DupnOnnxExporter.ArchitectureFromJson(meta[DupnGraphNames.MetaArchitecture]).MaxHistory);
        DupnOnnxIntegrity.Verify(graph, "the graph in the zip"); // intact, checksum and all
    }

    [Fact]
    public void ADamagedMlNetZipIsRefusedByDupnModelZip()
    {
        using var dir = RepoPaths.NewTempDir();
        string zip = SaveZip(dir, out var ml, out var data);
        byte[] good = File.ReadAllBytes(zip);
        float[][] Embed(ITransformer t) => t.Transform(data).GetColumn<VBuffer<float>>("UserEmbedding").Select(v => v.DenseValues().ToArray()).ToArray();
        var expected = Embed(DupnModelZip.Load(ml, zip, out _));

        string bad = Path.Combine(dir.Path, "bad.zip");
        foreach (int length in new[] { 0, 22, good.Length / 2, good.Length - 1 })
        {
            File.WriteAllBytes(bad, good[..length]);
            var e = Assert.Throws<InvalidDataException>(() => DupnModelZip.Load(ml, bad, out _));
            Assert.StartsWith($"{bad} is", e.Message);
        }
        // Flipped bits anywhere: either refused with the file named, or (central directory padding,
        // timestamps) they do not reach the scores. Plain mlContext.Model.Load would load some of
        // these and score differently: that is what DupnModelZip is for.
        int refused = 0;
        for (int k = 0; k < 48; k++)
        {
            byte[] flipped = (byte[])good.Clone();
            flipped[(int)((long)k * (good.Length - 1) / 47)] ^= (byte)(1 << (k % 8));
            File.WriteAllBytes(bad, flipped);
            ITransformer? loaded = null;
            var e = Record.Exception(() => loaded = DupnModelZip.Load(ml, bad, out _));
            if (e is null)
            {
                Assert.Equal(expected, Embed(loaded!));
                continue;
            }
            Assert.True(e is InvalidDataException && e.Message.StartsWith(bad), $"flip {k}: {e.GetType().Name}: {e.Message}");
            refused++;
        }
        Assert.True(refused >= 40, $"only {refused} of 48 flips were refused");
    }

    [Fact]
    public void AFailedSaveLeavesThePreviousFileIntact()
    {
        using var dir = RepoPaths.NewTempDir();
        var featurizer = BehaviorFeaturizer.Fit(Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset")));
        string path = Path.Combine(dir.Path, "featurizer.json");
        featurizer.Save(path);
        byte[] before = File.ReadAllBytes(path);

        // The same atomic write every save uses, failing half-way through (a full disk, a cancelled job).
        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            featurizer.Save(new FullDiskStream(stream, before.Length / 2));
        }));
        Assert.Equal("No space left on device (simulated).", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path)); // no temporary file left behind
        Assert.Equal(featurizer.Item.Ids, BehaviorFeaturizer.Load(path).Item.Ids);

        // A successful save replaces the file whole.
        featurizer.Save(path);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }
}
