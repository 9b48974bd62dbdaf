using System.Diagnostics;
using Dupn.MLNet.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.EndToEnd.Tests;

/// <summary>
/// An application that references only Dupn.MLNet.Transforms must run where libtorch is absent:
/// nothing of TorchSharp or libtorch may reach its output folder.
/// </summary>
public class ScoreOnlyAppTests
{
    private static string OutputFolder => Path.Combine(RepoPaths.Root, "examples", "ScoreOnly", "bin", RepoPaths.Configuration, "net10.0");

    [Fact]
    public void OutputFolderHoldsNoLibTorchOrTorchSharp()
    {
        Assert.True(File.Exists(Path.Combine(OutputFolder, "ScoreOnly.dll")), $"ScoreOnly was not built into {OutputFolder}");
        string[] torchFiles = Directory.GetFiles(OutputFolder, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(name => name!.Contains("torch", StringComparison.OrdinalIgnoreCase) || name.StartsWith("libc10", StringComparison.Ordinal))
            .ToArray()!;
        Assert.Empty(torchFiles);
    }

    [Fact]
    public void RunsAndLoadsMlNetAndOnnxRuntime()
    {
        var (exitCode, stdout, stderr) = Dotnet.Run(Path.Combine(OutputFolder, "ScoreOnly.dll"));
        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        Assert.Contains("ONNX Runtime 1.", stdout);
    }
}

/// <summary>
/// One ML.NET pipeline over raw behaviour sequences (FeaturizeBehaviorSequence, then DupnUserEmbedding or
/// DupnCandidateColumns and a learner), saved by one process as one zip, is loaded and scored by another
/// that carries no libtorch and no file besides the zip, with the same numbers: the vocabularies and the
/// ONNX graphs travel inside it.
/// </summary>
public class FreshProcessRoundTripTests
{
    private static string App => Path.Combine(RepoPaths.Root, "examples", "ScoreOnly", "bin", RepoPaths.Configuration, "net10.0", "ScoreOnly.dll");

    [Fact]
    public void ScoreOnlyReproducesTheEmbeddingsOfTheSavedPipeline()
    {
        using var temp = RepoPaths.NewTempDir();
        string zip = Path.Combine(temp.Path, "embedding.zip");
        var (data, _, dataset, model) = TrainTinyModel(temp.Path, users: 60, seed: 5);
        var mlContext = new MLContext(seed: 0);
        var a = model.Architecture;
        byte[] graph = model.ExportOnnx(Dupn.MLNet.Export.DupnGraphKind.User);

        var raw = mlContext.Data.LoadBehaviorSequences(dataset, DupnTask.Ctr, DatasetSplit.Test, model.Featurizer.Options);
        var fitted = mlContext.Transforms.FeaturizeBehaviorSequence(model.Featurizer)
            .Append(mlContext.Transforms.DupnUserEmbedding(new Dupn.MLNet.Transforms.Embedding.DupnUserEmbeddingOptions { ModelBytes = graph }))
            .Fit(raw);
        mlContext.Model.Save(fitted, raw.Schema, zip);
        float[][] expected = fitted.Transform(raw).GetColumn<float[]>("UserEmbedding").Take(3).ToArray();

        // The composed pipeline embeds exactly like featurising outside ML.NET and padding the rows.
        var requests = model.Featurizer.Transform(dataset, DupnTask.Ctr, DatasetSplit.Test).Take(3).ToArray();
        var padded = Dupn.MLNet.Transforms.Embedding.DupnPaddedRows.Load(mlContext, requests, a.MaxHistory, a.TagsPerBehavior, a.QueryTokens, a.ProfileVocabularies.Count);
        float[][] direct = mlContext.Transforms.DupnUserEmbedding(new Dupn.MLNet.Transforms.Embedding.DupnUserEmbeddingOptions { ModelBytes = graph })
            .Fit(padded).Transform(padded).GetColumn<float[]>("UserEmbedding").ToArray();
        for (int i = 0; i < 3; i++)
            for (int d = 0; d < direct[i].Length; d++)
                Assert.True(Math.Abs(expected[i][d] - direct[i][d]) <= 1e-5f, $"row {i} dim {d}: raw pipeline {expected[i][d]} vs padded rows {direct[i][d]}");

        var (exitCode, stdout, stderr) = Dotnet.Run(App, zip, data, "ctr", "3");
        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        var lines = stdout.Split('\n').Where(l => l.StartsWith("user ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, lines.Length);
        for (int i = 0; i < 3; i++)
        {
            Assert.StartsWith($"user {requests[i].UserId} at {requests[i].Timestamp}: ", lines[i]);
            float[] actual = lines[i][(lines[i].IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", ")
                .Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(a.RepresentationDim, actual.Length);
            Assert.Equal(364, actual.Length); // [rep_s ; u ; q ; c], the trainer's default
            for (int d = 0; d < actual.Length; d++)
                Assert.True(Math.Abs(expected[i][d] - actual[d]) <= 1e-5f, $"row {i} dim {d}: in-process {expected[i][d]} vs fresh process {actual[d]}");
        }
    }

    /// <summary>
    /// The RT pipeline on candidate-aware DUPN columns (issue #31), from raw shop_pref rows, saved as one
    /// zip by this process, scores the same rows in a fresh process without libtorch, equal within 1e-5.
    /// </summary>
    [Fact]
    public void ScoreOnlyReproducesTheShopPreferenceScoresOfTheSavedRtPipeline()
    {
        using var temp = RepoPaths.NewTempDir();
        string zip = Path.Combine(temp.Path, "shop-pref.zip");
        var (data, _, dataset, model) = TrainTinyModel(temp.Path, users: 80, seed: 6);
        var mlContext = new MLContext(seed: 0);

        const int historyLength = 40;
        var longer = model.Featurizer.WithMaxHistory(historyLength);
        byte[] graph = Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.ExportGraph(model, longer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Train));
        var train = mlContext.Data.LoadBehaviorSequences(dataset, DupnTask.ShopPref, DatasetSplit.Train, longer.Options);
        var fitted = mlContext.Transforms.FeaturizeBehaviorSequence(longer)
            .Append(mlContext.Transforms.DupnCandidateColumns(graph, historyLength))
            .Append(mlContext.Transforms.Conversion.ConvertType("Label", outputKind: Microsoft.ML.Data.DataKind.Boolean))
            .Append(Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.DefaultLearner(mlContext, "CandidateColumns"))
            .Fit(train);
        mlContext.Model.Save(fitted, train.Schema, zip);
        var test = mlContext.Data.LoadBehaviorSequences(dataset, DupnTask.ShopPref, DatasetSplit.Test, longer.Options);
        var scored = fitted.Transform(test);
        float[] expected = scored.GetColumn<float>("Probability").Take(4).ToArray();

        // The candidate columns from raw rows equal those from rows featurised and padded outside ML.NET.
        var rows = longer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Test).Take(4).ToArray();
        var padded = Dupn.MLNet.Transforms.Embedding.DupnShopPreferenceRows.Load(mlContext, longer, rows);
        var direct = mlContext.Transforms.DupnCandidateColumns(graph, historyLength).Fit(padded).Transform(padded).GetColumn<float[]>("CandidateColumns").ToArray();
        var composed = scored.GetColumn<float[]>("CandidateColumns").Take(4).ToArray();
        for (int i = 0; i < rows.Length; i++)
            for (int c = 0; c < 4; c++)
                Assert.True(Math.Abs(direct[i][c] - composed[i][c]) <= 1e-5f, $"row {i} column {c}: raw pipeline {composed[i][c]} vs padded rows {direct[i][c]}");

        var (exitCode, stdout, stderr) = Dotnet.Run(App, zip, data, "shop_pref", "4");
        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        var lines = stdout.Split('\n').Where(l => l.StartsWith("shop ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(rows.Length, lines.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Contains($" for user {rows[i].UserId} at {rows[i].Timestamp}: ", lines[i]);
            float actual = float.Parse(lines[i][(lines[i].LastIndexOf(": ", StringComparison.Ordinal) + 2)..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(expected[i] - actual) <= 1e-5f, $"row {i}: in-process {expected[i]} vs fresh process {actual}");
        }
    }

    // A generated dataset and a model trained on it for one epoch (N = 12), saved in a model folder.
    private static (string Data, string ModelDir, Dupn.MLNet.Transforms.Data.Dataset Dataset, Dupn.MLNet.Trainers.DupnModel Model) TrainTinyModel(
        string folder, int users, int seed)
    {
        string data = Path.Combine(folder, "data"), modelDir = Path.Combine(folder, "model");
        Dupn.MLNet.Transforms.Generation.TaobaoLikeGenerator.Generate(data, new Dupn.MLNet.Transforms.Generation.TaobaoLikeGeneratorOptions { Users = users, Seed = seed });
        var dataset = Dupn.MLNet.Transforms.Data.Dataset.Open(data);
        var run = Dupn.MLNet.Trainers.DupnModelTrainer.Train(new Microsoft.ML.MLContext(seed: 0), dataset, new Dupn.MLNet.Trainers.DupnModelTrainingOptions
        {
            Featurizer = new Dupn.MLNet.Transforms.Featurization.BehaviorFeaturizerOptions { MaxHistory = 12 },
            Trainer = new Dupn.MLNet.Trainers.Training.DupnTrainerOptions { Epochs = 1, Threads = 1 },
        });
        run.Model.Save(modelDir);
        run.Network.Dispose();
        return (data, modelDir, dataset, run.Model);
    }
}
