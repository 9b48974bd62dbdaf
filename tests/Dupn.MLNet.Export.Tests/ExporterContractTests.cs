using Dupn.MLNet.Export.Tests.Reference;
using Microsoft.ML.OnnxRuntime;

namespace Dupn.MLNet.Export.Tests;

/// <summary>Metadata, declared inputs and outputs, and the errors for weights that do not fit.</summary>
public sealed class ExporterContractTests
{
    [Fact]
    public void ModelCarriesVersionsAndArchitecture()
    {
        var arch = RandomStateDict.SmallArchitecture(DupnVariant.BpLstm);
        var model = DupnOnnxExporter.Export(arch, RandomStateDict.Create(arch, 1), DupnGraphKind.User);
        Assert.Equal(8, model.IrVersion);
        Assert.Equal(17, model.OpsetImport.Single().Version);
        var meta = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("1", meta[DupnGraphNames.MetaFormatVersion]);
        Assert.Equal("user", meta[DupnGraphNames.MetaGraph]);
        Assert.False(string.IsNullOrEmpty(meta[DupnGraphNames.MetaLibraryVersion]));
        var back = DupnOnnxExporter.ArchitectureFromJson(meta[DupnGraphNames.MetaArchitecture]);
        Assert.Equal(DupnVariant.BpLstm, back.Variant);
        Assert.Equal(arch.ProfileVocabularies, back.ProfileVocabularies);
        Assert.Equal(arch.Tasks, back.Tasks);
        Assert.Contains("\"Variant\":\"BpLstm\"", meta[DupnGraphNames.MetaArchitecture]);
    }

    [Fact]
    public void GraphsDeclareDynamicBatchAndHistory()
    {
        var arch = RandomStateDict.SmallArchitecture(DupnVariant.NoBp, profileColumns: 0);
        var weights = RandomStateDict.Create(arch, 1);
        using var user = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.User));
        // nobp takes no property inputs; no profile column means no profile input.
        Assert.Equal(["hist_brand", "hist_category", "hist_item", "hist_mask", "hist_shop", "hist_tags", "query"], user.InputMetadata.Keys.Order());
        Assert.Equal([-1, -1, 4], user.InputMetadata["hist_tags"].Dimensions);
        Assert.Equal(["batch", "history", ""], user.InputMetadata["hist_tags"].SymbolicDimensions);
        Assert.Equal([-1, 128 + 128 + 64 + 16 + 28], user.OutputMetadata["user_embedding"].Dimensions); // [rep_s ; u ; q ; c]
        Assert.Equal([-1, -1], user.OutputMetadata["attention"].Dimensions);
        Assert.Equal([-1, 7], user.OutputMetadata["ppp_probs"].Dimensions);

        using var items = new InferenceSession(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.Items));
        Assert.Equal(["brand", "category", "item", "item_tags", "ranking_features", "shop", "talent", "talent_tags", "target_shop", "user_embedding"], items.InputMetadata.Keys.Order());
        Assert.Equal([-1, 26], items.InputMetadata["ranking_features"].Dimensions);
    }

    [Fact]
    public void ExportIsDeterministicAndIgnoresBuffersItDoesNotUse()
    {
        var arch = RandomStateDict.SmallArchitecture();
        var weights = RandomStateDict.Create(arch, 2);
        byte[] first = DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.Full);
        Assert.Equal(first, DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.Full));

        // PyTorch-style batch norm carries a step counter the graph has no use for.
        weights.Add("rep_norm.num_batches_tracked", [], [1234f]);
        Assert.Equal(first, DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.Full));
    }

    [Fact]
    public void WrongShapeNamesTheTensor()
    {
        var arch = RandomStateDict.SmallArchitecture();
        var weights = RandomStateDict.Create(arch with { ItemVocabulary = 61 }, 1);
        var error = Assert.Throws<ArgumentException>(() => DupnOnnxExporter.Export(arch, weights, DupnGraphKind.User));
        Assert.Contains("embeddings.item.weight", error.Message);
        Assert.Contains("[63,32]", error.Message);
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        var arch = RandomStateDict.SmallArchitecture();
        var weights = RandomStateDict.Create(arch with { UseBatchNorm = false }, 1);
        var error = Assert.Throws<KeyNotFoundException>(() => DupnOnnxExporter.Export(arch, weights, DupnGraphKind.User));
        Assert.Contains("rep_norm.weight", error.Message);
    }

    [Fact]
    public void PropertyWeightsWithNoBpAreRejected()
    {
        var arch = RandomStateDict.SmallArchitecture(DupnVariant.NoBp);
        var weights = RandomStateDict.Create(arch with { Variant = DupnVariant.All }, 1);
        var error = Assert.Throws<ArgumentException>(() => DupnOnnxExporter.Export(arch, weights, DupnGraphKind.User));
        Assert.Contains("lstm.weight_p", error.Message);
    }

    [Fact]
    public void ItemsGraphWithoutItemHeadIsRejected()
    {
        var arch = RandomStateDict.SmallArchitecture() with { Tasks = [DupnTask.Ppp], RankingFeatures = 0, CtrScoreAsRankingFeature = false };
        var weights = RandomStateDict.Create(arch, 1);
        var error = Assert.Throws<ArgumentException>(() => DupnOnnxExporter.Export(arch, weights, DupnGraphKind.Items));
        Assert.Contains("item head", error.Message);
        Assert.NotEmpty(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.User));
    }

    [Fact]
    public void ShopPrefHeadOnTheHistoryMatchesIsRejectedByTheItemGraphsButNotTheUserGraph()
    {
        // The head reads the history per candidate: an items graph scored without the history cannot.
        var arch = RandomStateDict.SmallArchitecture() with { ShopPrefReadsHistoryMatches = true };
        Assert.Contains(DupnTask.ShopPref, arch.Tasks);
        var weights = RandomStateDict.Create(arch, 1);
        foreach (var kind in new[] { DupnGraphKind.Items, DupnGraphKind.Full })
        {
            var error = Assert.Throws<NotSupportedException>(() => DupnOnnxExporter.Export(arch, weights, kind));
            Assert.Contains("ShopPrefReadsHistoryMatches", error.Message);
            Assert.Contains("DupnCandidateColumns", error.Message);
        }
        Assert.NotEmpty(DupnOnnxExporter.ExportBytes(arch, weights, DupnGraphKind.User));
    }
}
