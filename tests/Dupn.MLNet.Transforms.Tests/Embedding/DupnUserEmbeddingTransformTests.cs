using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;
using static Dupn.MLNet.Transforms.Tests.Embedding.EmbeddingFixture;

namespace Dupn.MLNet.Transforms.Tests.Embedding;

/// <summary>The ML.NET transform over an exported user graph: outputs, save/load, parity with direct ONNX Runtime, errors.</summary>
public sealed class DupnUserEmbeddingTransformTests
{
    private sealed class Output
    {
        [VectorType(364)] public float[] UserEmbedding { get; set; } = [];
        [VectorType(N)] public float[] AttentionWeights { get; set; } = [];
        [VectorType(7)] public float[] PppProbabilities { get; set; } = [];
    }

    [Fact]
    public void FitsSavesLoadsAndMatchesDirectOnnxRuntime()
    {
        var rows = Rows(23, seed: 1);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows.Select(Pad));
        var estimator = ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = UserGraph, AddAttention = true, AddPpp = true });
        Assert.Equal(N, estimator.HistoryLength);
        var model = estimator.Fit(data);
        var first = ml.Data.CreateEnumerable<Output>(model.Transform(data), reuseRowObject: false).ToList();

        // The temporaries are gone; the outputs are there with their sizes.
        var schema = model.GetOutputSchema(data.Schema);
        Assert.Null(schema.GetColumnOrNull("hist_item"));
        Assert.Null(schema.GetColumnOrNull("user_embedding"));
        Assert.Equal(364, ((VectorDataViewType)schema["UserEmbedding"].Type).Size); // [rep_s ; u ; q ; c]

        using var scorer = new DupnUserScorer(UserGraph);
        var direct = scorer.Score(rows);
        for (int r = 0; r < rows.Count; r++)
        {
            AssertClose(direct.Embedding(r), first[r].UserEmbedding, 1e-5f, $"UserEmbedding row {r}");
            float[] attention = new float[N];
            direct.AttentionOf(r).CopyTo(attention);
            AssertClose(attention, first[r].AttentionWeights, 1e-5f, $"AttentionWeights row {r}");
            AssertClose(direct.PppProbabilities.AsSpan(r * 7, 7), first[r].PppProbabilities, 1e-5f, $"PppProbabilities row {r}");
        }
        Assert.All(first[1].AttentionWeights, v => Assert.Equal(0f, v)); // the empty history

        // Saved, the pipeline is one zip holding the ONNX bytes; loaded in a new context it gives the same numbers.
        using var dir = RepoPaths.NewTempDir();
        string zip = Path.Combine(dir.Path, "embedding.zip");
        ml.Model.Save(model, data.Schema, zip);
        var ml2 = new MLContext(seed: 2);
        var loaded = ml2.Model.Load(zip, out var loadedSchema);
        var reloadedData = ml2.Data.LoadFromEnumerable(rows.Select(Pad), loadedSchema);
        var second = ml2.Data.CreateEnumerable<Output>(loaded.Transform(reloadedData), reuseRowObject: false).ToList();
        for (int r = 0; r < rows.Count; r++)
        {
            Assert.Equal(first[r].UserEmbedding, second[r].UserEmbedding);
            Assert.Equal(first[r].AttentionWeights, second[r].AttentionWeights);
            Assert.Equal(first[r].PppProbabilities, second[r].PppProbabilities);
        }
    }

    [Fact]
    public void OneLoadedModelGivesTheSameNumbersFromEightThreads()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(12, seed: 15);
        var data = DupnPaddedRows.Load(ml, rows, N, K, Q, P);
        using var dir = RepoPaths.NewTempDir();
        string zip = Path.Combine(dir.Path, "m.zip");
        ml.Model.Save(ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = UserGraph }).Fit(data), data.Schema, zip);
        var model = ml.Model.Load(zip, out _);

        float[][] Embed() => model.Transform(DupnPaddedRows.Load(ml, rows, N, K, Q, P))
            .GetColumn<VBuffer<float>>("UserEmbedding").Select(v => v.DenseValues().ToArray()).ToArray();
        var expected = Embed();
        var results = new float[8][][];
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() => results[t] = Embed())).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (int t = 0; t < 8; t++)
            for (int r = 0; r < rows.Count; r++)
                Assert.Equal(expected[r], results[t][r]);
    }

    [Fact]
    public void ConvenienceOverloadReadsAFileAndAddsOnlyTheEmbedding()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir.Path, "user.onnx");
        File.WriteAllBytes(path, UserGraph);
        var ml = new MLContext(seed: 1);
        var rows = Rows(3, seed: 2);
        var data = ml.Data.LoadFromEnumerable(rows.Select(Pad));
        var transformed = ml.Transforms.DupnUserEmbedding(path).Fit(data).Transform(data);
        Assert.NotNull(transformed.Schema.GetColumnOrNull("UserEmbedding"));
        Assert.Null(transformed.Schema.GetColumnOrNull("AttentionWeights"));
        Assert.Null(transformed.Schema.GetColumnOrNull("PppProbabilities"));
        // GetColumn reuses its buffer from row to row: copy each row out as it comes.
        var embeddings = transformed.GetColumn<VBuffer<float>>("UserEmbedding").Select(v => v.DenseValues().ToArray()).ToList();
        using var scorer = new DupnUserScorer(UserGraph);
        var direct = scorer.Score(rows);
        for (int r = 0; r < rows.Count; r++)
            AssertClose(direct.Embedding(r), embeddings[r], 1e-5f, $"row {r}");

        using var stream = File.OpenRead(path);
        var fromStream = ml.Transforms.DupnUserEmbedding(stream, outputColumnName: "Rep", addPpp: true).Fit(data).Transform(data);
        var reps = fromStream.GetColumn<VBuffer<float>>("Rep").Select(v => v.DenseValues().ToArray()).ToList();
        Assert.NotNull(fromStream.Schema.GetColumnOrNull("PppProbabilities"));
        for (int r = 0; r < rows.Count; r++)
            Assert.Equal(embeddings[r], reps[r]);
    }

    [Fact]
    public void PaddedRowsFromFeaturizedRowsFeedTheTransform()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(9, seed: 12);
        var data = DupnPaddedRows.Load(ml, rows, N, K, Q, P);
        Assert.Equal(N * K, ((VectorDataViewType)data.Schema["HistoryTags"].Type).Size);
        var transformed = ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = UserGraph, AddAttention = true }).Fit(data).Transform(data);
        var output = ml.Data.CreateEnumerable<Output>(transformed, reuseRowObject: false, ignoreMissingColumns: true).ToList();
        using var scorer = new DupnUserScorer(UserGraph);
        var direct = scorer.Score(rows);
        for (int r = 0; r < rows.Count; r++)
            AssertClose(direct.Embedding(r), output[r].UserEmbedding, 1e-5f, $"row {r}");

        var tooLong = Rows(1, seed: 1)[0];
        var error = Assert.Throws<ArgumentException>(() => DupnPaddedRows.Pad(tooLong, 0, historyLength: N - 1, K, Q, P));
        Assert.Contains("at most N = 19", error.Message);
    }

    private sealed class ShortRow
    {
        [VectorType(N)] public int[] HistoryItem { get; set; } = new int[N];
    }

    [Fact]
    public void HistoryColumnOfTheWrongSizeIsNamed()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(2, seed: 3).Select(Pad).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var estimator = ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = UserGraph, HistoryLength = 30 });
        var error = Assert.Throws<ArgumentException>(() => estimator.Fit(data));
        Assert.Contains("'HistoryItem'", error.Message);
        Assert.Contains("exactly 30 values", error.Message);

        var missing = Assert.Throws<ArgumentException>(() => ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = UserGraph })
            .Fit(ml.Data.LoadFromEnumerable(new[] { new ShortRow() })));
        Assert.Contains("no column 'HistoryShop'", missing.Message);
    }

    [Fact]
    public void ItemsGraphIsRefused()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = ItemsGraph }));
        Assert.Contains("'items' graph", error.Message);
    }
}
