using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Tests.Featurization;

/// <summary>ML.NET's estimator contract: fit, schema, transform, save, load, same output.</summary>
public class BehaviorSequenceFeaturizingEstimatorTests
{
    private static readonly string[] VectorColumns =
        ["HistoryItem", "HistoryShop", "HistoryBrand", "HistoryCategory", "HistoryTags", "HistoryType", "HistoryScene", "HistoryTime", "Query", "Profile", "ItemTags", "TalentTags"];
    private static readonly string[] ScalarColumns = ["Item", "Shop", "Brand", "Category", "BehaviorType", "Talent", "TargetShop"];

    [Fact]
    public void GenerateReadFeaturizeSaveLoadGivesIdenticalColumnsEqualToThePlainFeaturizer()
    {
        using var dir = RepoPaths.NewTempDir();
        TaobaoLikeGenerator.Generate(dir.Path, new TaobaoLikeGeneratorOptions { Users = 60, Seed = 21, RankingFeatures = 6 });
        var ds = Dataset.Open(dir.Path);
        var options = new BehaviorFeaturizerOptions { MaxHistory = 30, MinCount = 2 };
        var featurizer = BehaviorFeaturizer.Fit(ds, options);
        var ml = new MLContext(seed: 1);
        var index = BehaviorHistoryIndex.Build(ds.Behaviors());
        foreach (var task in DupnTaskNames.All)
        {
            var train = ml.Data.LoadBehaviorSequences(ds, task, DatasetSplit.Train, options, index);
            var test = ml.Data.LoadBehaviorSequences(ds, task, DatasetSplit.Test, options, index);
            var model = ml.Transforms.FeaturizeBehaviorSequence(featurizer).Fit(train);
            var output = model.Transform(test);
            var expected = featurizer.Transform(ds, task, DatasetSplit.Test);
            var columns = ReadColumns(output);
            Assert.Equal(expected.Count, columns["HistoryItem"].Count);
            for (int r = 0; r < expected.Count; r++)
            {
                var e = expected[r];
                Assert.Equal(e.HistoryItem, columns["HistoryItem"][r]);
                Assert.Equal(e.HistoryShop, columns["HistoryShop"][r]);
                Assert.Equal(e.HistoryBrand, columns["HistoryBrand"][r]);
                Assert.Equal(e.HistoryCategory, columns["HistoryCategory"][r]);
                Assert.Equal(e.HistoryTags, columns["HistoryTags"][r]);
                Assert.Equal(e.HistoryType, columns["HistoryType"][r]);
                Assert.Equal(e.HistoryScene, columns["HistoryScene"][r]);
                Assert.Equal(e.HistoryTime, columns["HistoryTime"][r]);
                Assert.Equal(e.Query, columns["Query"][r]);
                Assert.Equal(e.Profile, columns["Profile"][r]);
                Assert.Equal(e.ItemTags, columns["ItemTags"][r]);
                Assert.Equal(e.TalentTags, columns["TalentTags"][r]);
                Assert.Equal([e.Item, e.Shop, e.Brand, e.Category, e.BehaviorType, e.Talent, e.TargetShop],
                    ScalarColumns.Select(c => columns[c][r][0]));
            }

            string path = Path.Combine(dir.Path, $"model-{task}.zip");
            ml.Model.Save(model, train.Schema, path);
            var loaded = new MLContext(seed: 2).Model.Load(path, out var inputSchema);
            Assert.Equal(train.Schema.Count, inputSchema.Count);
            var again = ReadColumns(loaded.Transform(test));
            foreach (var name in columns.Keys)
                Assert.Equal(columns[name], again[name]);
        }
    }

    [Fact]
    public void FitLearnsFromTheDataViewAndTheSchemaIsInt32()
    {
        var ds = Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"));
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadBehaviorSequences(ds, DupnTask.Ctr, DatasetSplit.Train);
        var estimator = ml.Transforms.FeaturizeBehaviorSequence();
        var model = estimator.Fit(data);
        var shape = model.GetOutputSchema(data.Schema);
        var output = model.Transform(data);
        foreach (var name in VectorColumns)
        {
            Assert.Equal(NumberDataViewType.Int32, ((VectorDataViewType)output.Schema[name].Type).ItemType);
            Assert.Equal(output.Schema[name].Type, shape[name].Type);
        }
        foreach (var name in ScalarColumns)
            Assert.Equal(NumberDataViewType.Int32, output.Schema[name].Type);

        var columns = ReadColumns(output);
        // Row 0: u1 at 1700000100 sees its click and cart (the buy at that second is not history).
        // Learned from this view's cells: items i11 (history 1 + candidate 1), i10 (history 1 + candidate 1),
        // i20 (history 2): counts tie at 2, so ordinal order: i10 -> 2, i11 -> 3, i20 -> 4.
        Assert.Equal([2, 3], columns["HistoryItem"][0]);
        Assert.Equal([4, 4], columns["HistoryItem"][1]); // u2's duplicate favs are both kept
        Assert.Equal(8, columns["Query"][0].Length);
        Assert.Equal([0, 0, 0, 0, 0, 0], columns["Query"][0][2..]); // padding
        Assert.Equal([1, 1], columns["HistoryBrand"][1]); // i20's empty brand is missing (1), not padding (0)
        Assert.Equal(Vocabulary.OutOfVocabulary, columns["Profile"][1][1]); // u2's empty age_level is missing
        Assert.Equal(0, columns["Talent"][0][0]); // a ctr row has no talent: padding
        Assert.Empty(columns["TalentTags"][0]);
    }

    [Fact]
    public void FixedSizeVectorColumnsMapLikeVariableOnes()
    {
        var ds = Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"));
        var ml = new MLContext(seed: 1);
        var index = BehaviorHistoryIndex.Build(ds.Behaviors());
        var rows = BehaviorSequenceRows.Create(ds, index, DupnTask.Ctr, DatasetSplit.Train).ToList();
        var definition = SchemaDefinition.Create(typeof(BehaviorSequenceRow));
        definition["Query"].ColumnType = new VectorDataViewType(TextDataViewType.Instance, 8);
        definition["ItemTags"].ColumnType = new VectorDataViewType(TextDataViewType.Instance, 4);
        var fixedView = ml.Data.LoadFromEnumerable(rows, definition);
        var variableView = ml.Data.LoadFromEnumerable(rows);
        var featurizer = BehaviorFeaturizer.Fit(ds);
        var fixedOut = ml.Transforms.FeaturizeBehaviorSequence(featurizer).Fit(fixedView).Transform(fixedView);
        var variableOut = ml.Transforms.FeaturizeBehaviorSequence(featurizer).Fit(variableView).Transform(variableView);
        Assert.Equal(8, ((VectorDataViewType)fixedView.Schema["Query"].Type).Size);
        // ML.NET's ValueMapping always yields variable-length vectors; the values are what matter.
        Assert.Equal(NumberDataViewType.Int32, ((VectorDataViewType)fixedOut.Schema["Query"].Type).ItemType);
        var a = ReadColumns(fixedOut);
        var b = ReadColumns(variableOut);
        foreach (var name in a.Keys)
            Assert.Equal(b[name], a[name]);
        Assert.Equal(featurizer.Transform(ds, DupnTask.Ctr, DatasetSplit.Train)[0].ItemTags, a["ItemTags"][0]);
    }

    [Fact]
    public void BehaviorsLoadAsADataViewWithTheUsualTypes()
    {
        var ds = Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"));
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadBehaviors(ds);
        Assert.Equal(NumberDataViewType.Int64, view.Schema["Timestamp"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["ItemId"].Type);
        Assert.Equal(TextDataViewType.Instance, ((VectorDataViewType)view.Schema["Tags"].Type).ItemType);
        Assert.Equal(["i10", "i11", "i11", "i20", "i20", "i20", "i,30"], view.GetColumn<string>("ItemId"));
        Assert.Equal(7, view.GetColumn<long>("Timestamp").Count()); // a second cursor re-reads the file
    }

    [Fact]
    public void HashingIsRefusedByTheEstimatorWithAReason()
    {
        var ml = new MLContext(seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => ml.Transforms.FeaturizeBehaviorSequence(new BehaviorFeaturizerOptions { HashBuckets = 64 }));
        Assert.Contains("hashing (HashBuckets > 0) is only available in BehaviorFeaturizer.Transform", ex.Message);
    }

    [Fact]
    public void MissingInputColumnIsNamed()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(new[] { new { UserId = "u", Timestamp = 1L } });
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.FeaturizeBehaviorSequence().Fit(data));
        Assert.Contains("needs the input column 'HistoryItem'", ex.Message);
    }

    [Fact]
    public void TimeExpressionMatchesTimeGapBuckets()
    {
        Assert.Equal("x => x < 0 ? 1 : x < 60 ? 2 : x < 300 ? 3 : 4", BehaviorSequenceFeaturizingEstimator.TimeExpression(new TimeGapBuckets([60, 300])));
    }

    internal static Dictionary<string, List<int[]>> ReadColumns(IDataView view)
    {
        var result = new Dictionary<string, List<int[]>>();
        foreach (var name in VectorColumns)
            result[name] = view.GetColumn<VBuffer<int>>(name).Select(v => v.DenseValues().ToArray()).ToList();
        foreach (var name in ScalarColumns)
            result[name] = view.GetColumn<int>(name).Select(v => new[] { v }).ToList();
        return result;
    }
}
