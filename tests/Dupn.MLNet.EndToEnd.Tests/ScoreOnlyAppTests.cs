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
/// A pipeline with the DUPN user-embedding transform, saved by one process, is loaded and scored by
/// another that carries no libtorch, with the same numbers: the ONNX graph travels inside the zip.
/// </summary>
public class FreshProcessRoundTripTests
{
    [Fact]
    public void ScoreOnlyReproducesTheEmbeddingsOfTheSavedPipeline()
    {
        using var temp = RepoPaths.NewTempDir();
        string zip = Path.Combine(temp.Path, "embedding.zip");
        var (data, modelDir, dataset, model) = TrainTinyModel(temp.Path, users: 60, seed: 5);
        var mlContext = new Microsoft.ML.MLContext(seed: 0);

        var requests = model.Featurizer.Transform(dataset, Dupn.MLNet.DupnTask.Ctr, Dupn.MLNet.DatasetSplit.Test).Take(3).ToArray();
        var a = model.Architecture;
        var input = Dupn.MLNet.Transforms.Embedding.DupnPaddedRows.Load(mlContext, requests, a.MaxHistory, a.TagsPerBehavior, a.QueryTokens, a.ProfileVocabularies.Count);
        var fitted = mlContext.Transforms.DupnUserEmbedding(new Dupn.MLNet.Transforms.Embedding.DupnUserEmbeddingOptions { ModelBytes = model.ExportOnnx(Dupn.MLNet.Export.DupnGraphKind.User) }).Fit(input);
        mlContext.Model.Save(fitted, input.Schema, zip);
        float[][] expected = fitted.Transform(input).GetColumn<float[]>("UserEmbedding").ToArray();

        string app = Path.Combine(RepoPaths.Root, "examples", "ScoreOnly", "bin", RepoPaths.Configuration, "net10.0", "ScoreOnly.dll");
        var (exitCode, stdout, stderr) = Dotnet.Run(app, zip, Path.Combine(modelDir, "featurizer.json"), data, "3");
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
    /// The RT pipeline on candidate-aware DUPN columns (issue #31), saved as one zip by this process,
    /// scores the same shop_pref rows in a fresh process without libtorch, equal within 1e-5.
    /// </summary>
    [Fact]
    public void ScoreOnlyReproducesTheShopPreferenceScoresOfTheSavedRtPipeline()
    {
        using var temp = RepoPaths.NewTempDir();
        string zip = Path.Combine(temp.Path, "shop-pref.zip");
        var (data, modelDir, dataset, model) = TrainTinyModel(temp.Path, users: 80, seed: 6);
        var mlContext = new Microsoft.ML.MLContext(seed: 0);

        const int historyLength = 40;
        var (fitted, result, _) = Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.Fit(mlContext, model, dataset, historyLength);
        Assert.InRange(result.Metrics.Auc!.Value, 0, 1);
        var longer = model.Featurizer.WithMaxHistory(historyLength);
        var rows = longer.Transform(dataset, Dupn.MLNet.DupnTask.ShopPref, Dupn.MLNet.DatasetSplit.Test).Take(4).ToArray();
        var input = Dupn.MLNet.Transforms.Embedding.DupnShopPreferenceRows.Load(mlContext, longer, rows);
        mlContext.Model.Save(fitted, input.Schema, zip);
        float[] expected = fitted.Transform(input).GetColumn<float>("Probability").ToArray();

        string app = Path.Combine(RepoPaths.Root, "examples", "ScoreOnly", "bin", RepoPaths.Configuration, "net10.0", "ScoreOnly.dll");
        var (exitCode, stdout, stderr) = Dotnet.Run(app, "--shop-pref", historyLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            zip, Path.Combine(modelDir, "featurizer.json"), data, "4");
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
