using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Transforms.Tests.Embedding;
using Microsoft.ML;

namespace Dupn.MLNet.Tests.Reliability;

/// <summary>
/// Issue 7, option validation: a bad setting is one clear <see cref="ArgumentException"/> naming the
/// setting and its value, raised at the call, before any file is read or written. The dataset used
/// here has a broken behaviors.csv, so an option error that came after reading would show up as a
/// format error instead.
/// </summary>
public sealed class OptionValidationTests
{
    private static TempDir BrokenDataset()
    {
        var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir.Path, "behaviors.csv"), "not,the,header\n");
        File.WriteAllText(Path.Combine(dir.Path, "ctr.train.csv"), "nor,this\n");
        return dir;
    }

    public static TheoryData<string, string> FeaturizerOptions() => new()
    {
        { "MaxHistory=0", "BehaviorFeaturizerOptions.MaxHistory must be positive; it is 0." },
        { "MaxHistory=-5", "BehaviorFeaturizerOptions.MaxHistory must be positive; it is -5." },
        { "TagsPerBehavior=-1", "BehaviorFeaturizerOptions.TagsPerBehavior must be positive; it is -1." },
        { "QueryTokens=0", "BehaviorFeaturizerOptions.QueryTokens must be positive; it is 0." },
        { "MinCount=0", "BehaviorFeaturizerOptions.MinCount must be at least 1; it is 0." },
        { "HashBuckets=-3", "BehaviorFeaturizerOptions.HashBuckets must not be negative; it is -3." },
    };

    [Theory]
    [MemberData(nameof(FeaturizerOptions))]
    public void FeaturizerOptionsFailBeforeTheDataIsRead(string setting, string message)
    {
        using var dir = BrokenDataset();
        var options = new BehaviorFeaturizerOptions();
        var (name, value) = (setting.Split('=')[0], int.Parse(setting.Split('=')[1]));
        typeof(BehaviorFeaturizerOptions).GetProperty(name)!.SetValue(options, value);
        var ds = Dataset.Open(dir.Path);
        var ex = Assert.Throws<ArgumentException>(() => BehaviorFeaturizer.Fit(ds, options));
        Assert.Equal(message, ex.Message);
        var estimator = Assert.Throws<ArgumentException>(() => new MLContext().Transforms.FeaturizeBehaviorSequence(options));
        Assert.Contains(message, estimator.Message);
    }

    private static BehaviorFeaturizer Fitted() => BehaviorFeaturizer.Fit(Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset")));

    [Fact]
    public void ReadOptionsFailAtOpenAndAtEveryReader()
    {
        using var dir = BrokenDataset();
        var m = new DatasetReadOptions { RankingFeatureCount = 0 };
        Assert.Equal("DatasetReadOptions.RankingFeatureCount must be positive (or null to take it from the first row); it is 0.",
            Assert.Throws<ArgumentException>(() => Dataset.Open(dir.Path, m)).Message);
        var ppp = new DatasetReadOptions { PppLevels = 0 };
        Assert.Equal("DatasetReadOptions.PppLevels must be at least 1; it is 0.", Assert.Throws<ArgumentException>(() => Dataset.Open(dir.Path, ppp)).Message);
        // The readers are lazy, but their options are checked when they are called.
        string file = Path.Combine(dir.Path, "behaviors.csv");
        Assert.Throws<ArgumentException>(() => DatasetReader.ReadBehaviors(file, ppp));
        Assert.Throws<ArgumentException>(() => DatasetReader.ReadTask(file, DupnTask.Ppp, m));
    }

    [Theory]
    [InlineData("clicks")]
    [InlineData("")]
    [InlineData("ctr,l2r")]
    public void UnknownTaskNamesAreRefusedWithTheChoices(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => DupnTaskNames.Parse(name));
        Assert.StartsWith($"Unknown task '{name}'; expected ctr, l2r, ppp, follow or shop_pref.", ex.Message);
        using var dir = BrokenDataset();
        Assert.Throws<ArgumentException>(() => Fitted().Transform(Dataset.Open(dir.Path), name, DatasetSplit.Train));
    }

    [Fact]
    public void LazyStreamsCheckTheirArgumentsAtTheCall()
    {
        using var dir = BrokenDataset();
        var ds = Dataset.Open(dir.Path);
        var index = BehaviorHistoryIndex.Build([]);
        var rows = Assert.Throws<ArgumentOutOfRangeException>(() => BehaviorSequenceRows.Create(ds, index, DupnTask.Ctr, DatasetSplit.Train, maxHistory: 0));
        Assert.Contains("maxHistory, tagsPerBehavior and queryTokens must be positive; they are 0, 4 and 8.", rows.Message);
        var parts = Assert.Throws<ArgumentOutOfRangeException>(() => Fitted().TransformPartitioned(ds, DupnTask.Ctr, DatasetSplit.Train, partitions: 0));
        Assert.Contains("At least one partition is needed.", parts.Message);
        using var scorer = new DupnUserScorer(EmbeddingFixture.UserGraph);
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.EmbedAll(EmbeddingFixture.Rows(3, 1), batchSize: 0));
    }

    [Theory]
    [InlineData(0, "DupnUserEmbeddingOptions.HistoryLength must be positive; it is 0.")]
    [InlineData(-20, "DupnUserEmbeddingOptions.HistoryLength must be positive; it is -20.")]
    public void EmbeddingOptionsFailWhenTheEstimatorIsMade(int history, string message)
    {
        var ml = new MLContext();
        var ex = Assert.Throws<ArgumentException>(() => ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = EmbeddingFixture.UserGraph, HistoryLength = history }));
        Assert.StartsWith(message, ex.Message);
        var both = Assert.Throws<ArgumentException>(() => ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions { ModelBytes = EmbeddingFixture.UserGraph, ModelPath = "x.onnx" }));
        Assert.StartsWith("DupnUserEmbeddingOptions needs exactly one of ModelPath and ModelBytes.", both.Message);
        var neither = Assert.Throws<ArgumentException>(() => ml.Transforms.DupnUserEmbedding(new DupnUserEmbeddingOptions()));
        Assert.StartsWith("DupnUserEmbeddingOptions needs exactly one of ModelPath and ModelBytes.", neither.Message);
    }

    [Theory]
    [InlineData(nameof(TaobaoLikeGeneratorOptions.Users), -1, "TaobaoLikeGeneratorOptions.Users must be positive; it is -1.")]
    [InlineData(nameof(TaobaoLikeGeneratorOptions.Days), 0, "TaobaoLikeGeneratorOptions.Days must be positive; it is 0.")]
    [InlineData(nameof(TaobaoLikeGeneratorOptions.RankingFeatures), 0, "TaobaoLikeGeneratorOptions.RankingFeatures must be positive; it is 0.")]
    [InlineData(nameof(TaobaoLikeGeneratorOptions.StartTimestamp), -1L, "TaobaoLikeGeneratorOptions.StartTimestamp must be unix seconds from 0 to 4099852800 (so that 30 days end by 2100-01-01); it is -1.")]
    [InlineData(nameof(TaobaoLikeGeneratorOptions.StartTimestamp), 1_700_000_000_000L, "TaobaoLikeGeneratorOptions.StartTimestamp must be unix seconds from 0 to 4099852800")]
    public void GeneratorOptionsFailBeforeAnyFileIsWritten(string name, object value, string message)
    {
        using var dir = RepoPaths.NewTempDir();
        var options = new TaobaoLikeGeneratorOptions();
        var property = typeof(TaobaoLikeGeneratorOptions).GetProperty(name)!;
        property.SetValue(options, Convert.ChangeType(value, property.PropertyType));
        string output = Path.Combine(dir.Path, "out");
        var ex = Assert.Throws<ArgumentException>(() => TaobaoLikeGenerator.Generate(output, options));
        Assert.StartsWith(message, ex.Message);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "nothing is written");
    }
}
