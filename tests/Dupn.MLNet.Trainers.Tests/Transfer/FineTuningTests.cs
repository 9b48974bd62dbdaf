using Dupn.MLNet.Export;
using Dupn.MLNet.Tests;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Runtime;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers.Transfer;
using Microsoft.ML;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests.Transfer;

/// <summary>The SHOP_PREF head on the history's matches with the candidate shop, and FT / RS with it (issue #31).</summary>
public class FineTuningTests
{
    private static DupnNetwork MatchingNetwork(BehaviorFeaturizer featurizer, ShopCatalog catalog)
    {
        var architecture = DupnArchitectureFactory.FromFeaturizer(featurizer, [DupnTask.Ctr, DupnTask.ShopPref],
            new DupnModelTrainingOptions { ShopPrefReadsHistoryMatches = true });
        Assert.True(architecture.HistoryCountsInRepresentation);
        TorchRuntime.Seed(7);
        var network = new DupnNetwork(architecture, dropout: 0);
        network.SetShopCategories(catalog.CategoryOfShop);
        network.eval();
        return network;
    }

    [Fact]
    public void Head_matches_are_the_log_of_the_onnx_candidate_columns_from_the_same_weights()
    {
        using var temp = RepoPaths.NewTempDir();
        var (featurizer, train, test) = ShopPreferenceCandidateTests.Data(temp.Path);
        var catalog = ShopCatalog.Fit(featurizer, train);
        using var network = MatchingNetwork(featurizer, catalog);
        var rows = test.Take(48).ToArray();

        float[] onnx = ShopPreferenceCandidateTests.CandidateColumns(
            DupnCandidateColumnsExporter.ExportBytes(network.Architecture, network.ToStateDict(), catalog.CategoryOfShop), rows);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var batch = new DupnCollator(network.Architecture).Collate(rows);
        float[] torchMatches = network.ShopPrefMatches(batch).contiguous().data<float>().ToArray();

        Assert.Equal(onnx.Length, torchMatches.Length);
        Assert.Contains(onnx, v => v > 0);
        for (int i = 0; i < onnx.Length; i++)
            Assert.True(Math.Abs(MathF.Log(1 + onnx[i]) - torchMatches[i]) < 1e-4, $"value {i}: torch {torchMatches[i]}, log(1 + ONNX {onnx[i]})");
    }

    [Fact]
    public void Fresh_head_starts_as_its_wide_path_and_the_shop_table_travels_in_the_state_dict()
    {
        using var temp = RepoPaths.NewTempDir();
        var (featurizer, train, test) = ShopPreferenceCandidateTests.Data(temp.Path);
        var catalog = ShopCatalog.Fit(featurizer, train);
        using var network = MatchingNetwork(featurizer, catalog);
        var rows = test.Take(16).ToArray();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var batch = new DupnCollator(network.Architecture).Collate(rows);

        // The deep path's output layer starts at zero: the logit is wide . matches + bias.
        var state = network.ToStateDict();
        float[] w = state["shop_pref.wide.weight"].Values;
        float bias = state["shop_pref.wide.bias"].Values[0];
        float[] matches = network.ShopPrefMatches(batch).contiguous().data<float>().ToArray();
        float[] logits = network.TaskOutput(DupnTaskNames.ShopPref, network.call(batch).Rep, batch).contiguous().data<float>().ToArray();
        for (int r = 0; r < rows.Length; r++)
        {
            float expected = bias + Enumerable.Range(0, DupnArchitecture.ShopPrefMatchColumns).Sum(k => w[k] * matches[r * DupnArchitecture.ShopPrefMatchColumns + k]);
            Assert.True(Math.Abs(expected - logits[r]) < 1e-5, $"row {r}: logit {logits[r]}, wide path {expected}");
        }

        // The shop -> category table is a buffer: saved with the weights, loaded back with them.
        var table = state["shop_pref_matches.shop_category"];
        Assert.Equal(catalog.CategoryOfShop.Select(c => (float)c), table.Values);
        TorchRuntime.Seed(99);
        using var copy = new DupnNetwork(network.Architecture, dropout: 0);
        copy.eval();
        float[] before = copy.ShopPrefMatches(batch).contiguous().data<float>().ToArray();
        copy.LoadStateDict(state);
        float[] after = copy.ShopPrefMatches(batch).contiguous().data<float>().ToArray();
        Assert.Equal(matches, after);
        Assert.NotEqual(matches, before); // without the table no category matches: the test can tell
    }

    [Fact]
    public void Options_and_tables_are_checked()
    {
        var architecture = new DupnArchitecture { Tasks = [DupnTask.ShopPref], ShopVocabulary = 10, ShopPrefReadsHistoryMatches = true };
        using var network = new DupnNetwork(architecture);
        var error = Assert.Throws<ArgumentException>(() => network.SetShopCategories(new int[5]));
        Assert.Contains("the shop table has 12", error.Message);
        using var plain = new DupnNetwork(architecture with { ShopPrefReadsHistoryMatches = false });
        Assert.False(plain.ReadsShopMatches);
        Assert.Throws<InvalidOperationException>(() => plain.SetShopCategories(new int[12]));

        Assert.Throws<ArgumentException>(() => new DupnFineTuningOptions { ReadHistoryMatches = false }.Validate());
        new DupnFineTuningOptions { ReadHistoryMatches = false, ProbeEpochs = 0 }.Validate();
        Assert.Throws<ArgumentOutOfRangeException>(() => new DupnFineTuningOptions { ValidationFraction = 1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DupnFineTuningOptions { HistoryLength = 0 }.Validate());
    }

    [Fact]
    public void Validation_users_are_drawn_apart_from_the_training_users_the_same_way_every_time()
    {
        var rows = Enumerable.Range(0, 200).Select(i => new FeaturizedRow { UserId = $"u{i % 50}", Timestamp = i }).ToArray();
        var (train, validation) = DupnTransfer.SplitUsers(rows, 0.2, seed: 3);
        Assert.Equal(200, train.Count + validation.Count);
        Assert.Empty(train.Select(r => r.UserId).Intersect(validation.Select(r => r.UserId)));
        Assert.Equal(10, validation.Select(r => r.UserId).Distinct().Count());
        Assert.Equal(validation.Select(r => r.UserId), DupnTransfer.SplitUsers(rows, 0.2, seed: 3).Validation.Select(r => r.UserId));
        Assert.NotEqual(validation.Select(r => r.UserId).ToHashSet(), DupnTransfer.SplitUsers(rows, 0.2, seed: 4).Validation.Select(r => r.UserId).ToHashSet());
        Assert.Same(rows, DupnTransfer.SplitUsers(rows, 0, seed: 3).Train);
    }

    [Fact]
    public void Fine_tuning_and_its_from_scratch_control_learn_store_preference_from_the_matches()
    {
        using var temp = RepoPaths.NewTempDir();
        TaobaoLikeGenerator.Generate(temp.Path, new TaobaoLikeGeneratorOptions { Users = 300, Seed = 5 });
        var dataset = Dataset.Open(temp.Path);
        var mlContext = new MLContext(seed: 1);
        var pretrained = DupnModelTrainer.Train(mlContext, dataset, new DupnModelTrainingOptions
        {
            Tasks = [DupnTask.Ppp], // the cheapest pre-training: the test is about the transfer, not its quality
            Featurizer = new BehaviorFeaturizerOptions { MaxHistory = 20 },
            Trainer = new DupnTrainerOptions { Epochs = 1, CheckpointDirectory = null },
        });
        pretrained.Network.Dispose();
        var trainer = new DupnTrainerOptions { Epochs = 1, LearningRate = DupnFineTuningOptions.RecommendedLearningRate, CheckpointDirectory = null };
        var options = new DupnFineTuningOptions { HistoryLength = 50 };

        var ft = DupnTransfer.FineTune(mlContext, pretrained.Model, dataset, trainer, options);
        var rs = DupnTransfer.RetrainSingle(mlContext, pretrained.Model, dataset, trainer, options);

        Assert.Equal("FT", ft.Protocol);
        Assert.Equal("RS", rs.Protocol);
        foreach (var result in new[] { ft, rs })
        {
            // The generator's preference follows the user's interest categories and favourite shops; the
            // crude "buys from that shop" rule gets about 0.67 (docs/generator.md), chance 0.5.
            Assert.True(result.Metrics.Auc > 0.7, $"{result.Protocol} AUC {result.Metrics.Auc:F3}");
            Assert.Contains(result.ChosenEpoch, new int?[] { -1, 0 });
            Assert.Single(result.Curve); // one fine-tuning epoch, scored on the validation users
        }
        Assert.NotEqual(ft.Metrics.Auc, rs.Metrics.Auc); // FT starts from the pre-trained weights, RS from fresh ones
        Assert.DoesNotContain(DupnTask.ShopPref, pretrained.Model.Architecture.Tasks); // FT adds its head to a copy
    }
}
