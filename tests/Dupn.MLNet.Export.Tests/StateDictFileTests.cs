
namespace Dupn.MLNet.Export.Tests;

public class StateDictFileTests
{
    private static StateDict Sample()
    {
        var state = new StateDict();
        state.Add("lstm.bias", [4], [0.5f, -1.25f, 3f, float.Epsilon]);
        state.Add("embeddings.item.weight", [3, 2], [0, 0, 1, 2, 3, 4]);
        return state;
    }

    private static byte[] Bytes(StateDict state)
    {
        using var stream = new MemoryStream();
        StateDictFile.Write(state, stream);
        return stream.ToArray();
    }

    [Fact]
    public void RoundTripKeepsNamesShapesAndExactValues()
    {
        var loaded = StateDictFile.Read(new MemoryStream(Bytes(Sample())));
        Assert.Equal(["embeddings.item.weight", "lstm.bias"], loaded.Names.Order(StringComparer.Ordinal));
        Assert.Equal([3, 2], loaded["embeddings.item.weight"].Shape);
        Assert.Equal([0.5f, -1.25f, 3f, float.Epsilon], loaded["lstm.bias"].Values);
    }

    [Fact]
    public void EveryFlippedByteIsDetected()
    {
        byte[] good = Bytes(Sample());
        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x10;
            Assert.Throws<InvalidDataException>(() => StateDictFile.Read(new MemoryStream(bad), "w.bin"));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(60)]
    public void TruncatedFilesSayWhatIsWrong(int keep)
    {
        byte[] good = Bytes(Sample());
        var error = Assert.Throws<InvalidDataException>(() => StateDictFile.Read(new MemoryStream(good[..Math.Min(keep, good.Length - 1)]), "w.bin"));
        Assert.StartsWith("w.bin: ", error.Message);
        Assert.True(error.Message.Contains("truncated") || error.Message.Contains("damaged"), error.Message);
    }

    [Fact]
    public void WrongShapeIsRejectedWithTheNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Sample().Get("embeddings.item.weight", 4, 2));
        Assert.Contains("[3,2]", error.Message);
        Assert.Contains("[4,2]", error.Message);
        var missing = Assert.Throws<KeyNotFoundException>(() => Sample()["lstm.weight_e"]);
        Assert.Contains("lstm.bias", missing.Message);
    }

    [Fact]
    public void SaveIsAtomicAndLeavesNoTemporaryFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dupn-sd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "weights.bin");
            StateDictFile.Save(Sample(), path);
            StateDictFile.Save(Sample(), path);
            Assert.Equal(["weights.bin"], Directory.GetFiles(folder).Select(Path.GetFileName));
            Assert.Equal(2, StateDictFile.Load(path).Count);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void ArchitectureJsonRoundTripsAndValidates()
    {
        var architecture = new DupnArchitecture { ItemVocabulary = 10, RankingFeatures = 26, Variant = DupnVariant.BpAtt, ProfileVocabularies = [3, 4] };
        string json = DupnArchitectureJson.Serialize(architecture);
        Assert.Contains("\"variant\": \"bpAtt\"", json);
        var back = DupnArchitectureJson.Deserialize(json);
        Assert.Equal(architecture.Variant, back.Variant);
        Assert.Equal([3, 4], back.ProfileVocabularies);
        Assert.Equal(256, back.RepresentationDim);
        var error = Assert.Throws<ArgumentException>(() => DupnArchitectureJson.Deserialize(json.Replace("\"hidden\": 128", "\"hidden\": -1")));
        Assert.Contains("Hidden", error.Message);
    }
}
