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
            var masks = output.GetColumn<float[]>("HistoryMask").ToList();
            Assert.Equal(expected.Count, columns["HistoryItem"].Count);
            int n = options.MaxHistory, k = options.TagsPerBehavior;
            for (int r = 0; r < expected.Count; r++)
            {
                // The plain featuriser keeps a row's L behaviours; the pipeline pads them to N (0 after L) with a mask.
                var e = expected[r];
                Assert.Equal(Padded(e.HistoryItem, n), columns["HistoryItem"][r]);
                Assert.Equal(Padded(e.HistoryShop, n), columns["HistoryShop"][r]);
                Assert.Equal(Padded(e.HistoryBrand, n), columns["HistoryBrand"][r]);
                Assert.Equal(Padded(e.HistoryCategory, n), columns["HistoryCategory"][r]);
                Assert.Equal(Padded(e.HistoryTags, n * k), columns["HistoryTags"][r]);
                Assert.Equal(Padded(e.HistoryType, n), columns["HistoryType"][r]);
                Assert.Equal(Padded(e.HistoryScene, n), columns["HistoryScene"][r]);
                Assert.Equal(Padded(e.HistoryTime, n), columns["HistoryTime"][r]);
                Assert.Equal(Enumerable.Range(0, n).Select(i => i < e.Length ? 1f : 0f), masks[r]);
                Assert.Equal(e.Query, columns["Query"][r]);
                Assert.Equal(e.Profile, columns["Profile"][r]);
                Assert.Equal(Padded(e.ItemTags, k), columns["ItemTags"][r]);
                Assert.Equal(Padded(e.TalentTags, k), columns["TalentTags"][r]);
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
            // Sizes are kept (the history N = 100, tags N·K, query Q, profile P, candidate tags K): an ONNX model can follow.
            var type = (VectorDataViewType)output.Schema[name].Type;
            Assert.Equal(NumberDataViewType.Int32, type.ItemType);
            Assert.Equal(((VectorDataViewType)data.Schema[name].Type).Size, type.Size);
            Assert.True(type.IsKnownSize, name);
            Assert.Equal(output.Schema[name].Type, shape[name].Type);
        }
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 100), output.Schema["HistoryMask"].Type);
        // In a pipeline (whose Fit first propagates the estimators' schema shapes) the sizes carry on.
        var chained = ml.Transforms.FeaturizeBehaviorSequence().Append(ml.Transforms.Concatenate("Ids", "HistoryItem", "HistoryShop")).Fit(data).Transform(data);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Int32, 200), chained.Schema["Ids"].Type);
        foreach (var name in ScalarColumns)
            Assert.Equal(NumberDataViewType.Int32, output.Schema[name].Type);

        var columns = ReadColumns(output);
        // Row 0: u1 at 1700000100 sees its click and cart (the buy at that second is not history).
        // Learned from this view's cells: items i11 (history 1 + candidate 1), i10 (history 1 + candidate 1),
        // i20 (history 2): counts tie at 2, so ordinal order: i10 -> 2, i11 -> 3, i20 -> 4.
        Assert.Equal([2, 3], columns["HistoryItem"][0][..2]);
        Assert.All(columns["HistoryItem"][0][2..], i => Assert.Equal(0, i)); // padding after the two behaviours
        Assert.Equal([1f, 1f, 0f], output.GetColumn<float[]>("HistoryMask").First()[..3]);
        Assert.Equal([4, 4], columns["HistoryItem"][1][..2]); // u2's duplicate favs are both kept
        Assert.Equal(8, columns["Query"][0].Length);
        Assert.Equal([0, 0, 0, 0, 0, 0], columns["Query"][0][2..]); // padding
        Assert.Equal([1, 1, 0], columns["HistoryBrand"][1][..3]); // i20's empty brand is missing (1), not padding (0)
        Assert.Equal(Vocabulary.OutOfVocabulary, columns["Profile"][1][1]); // u2's empty age_level is missing
        Assert.Equal(0, columns["Talent"][0][0]); // a ctr row has no talent: padding
        Assert.Equal([0, 0, 0, 0], columns["TalentTags"][0]); // and no talent tags
    }

    [Fact]
    public void VariableLengthHistoriesAreRefusedWithTheWayToPadThem()
    {
        var ds = Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"));
        var ml = new MLContext(seed: 1);
        var index = BehaviorHistoryIndex.Build(ds.Behaviors());
        var rows = BehaviorSequenceRows.Create(ds, index, DupnTask.Ctr, DatasetSplit.Train).ToList();
        var variable = ml.Data.LoadFromEnumerable(rows); // no SchemaDefinition: every array a variable-length vector
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.FeaturizeBehaviorSequence(BehaviorFeaturizer.Fit(ds)).Fit(variable));
        Assert.Contains("Input column 'HistoryItem' is Vector<String>", ex.Message);
        Assert.Contains("BehaviorSequenceRow.SchemaDefinition", ex.Message);
    }

    [Fact]
    public void RowsOfYourOwnPadToTheSchemaAndFeaturizeLikeLoadedOnes()
    {
        var ds = Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"));
        var ml = new MLContext(seed: 1);
        var featurizer = BehaviorFeaturizer.Fit(ds, new BehaviorFeaturizerOptions { MaxHistory = 5 });
        var loaded = ml.Data.LoadBehaviorSequences(ds, DupnTask.Ctr, DatasetSplit.Train, featurizer.Options);
        var model = ml.Transforms.FeaturizeBehaviorSequence(featurizer).Fit(loaded);
        // A serving request: u1's two behaviours, unpadded, and an item never seen.
        var request = new BehaviorSequenceRow
        {
            UserId = "u1", Timestamp = 1700000100, HistoryItem = ["i10", "i11"], HistoryShop = ["s1", "s1"], HistoryBrand = ["b1", "b1"],
            HistoryCategory = ["c1", "c1"], HistoryTags = ["t1", BehaviorSequenceRow.Padding, BehaviorSequenceRow.Padding, BehaviorSequenceRow.Padding, "unseen-tag", "t1", "t2", "t3"],
            HistoryType = ["click", "cart"], HistoryScene = ["search", "search"], HistoryTime = [30, 4000], Profile = ds.Users.Columns.Select(_ => "").ToArray(),
            Item = "never-seen", Shop = "s1",
        };
        int p = ds.Users.Columns.Count;
        var padded = BehaviorSequenceRows.Pad(request, 5, 4, 8, p);
        var engine = ml.Model.CreatePredictionEngine<BehaviorSequenceRow, FeaturizedOutput>(model, inputSchemaDefinition: BehaviorSequenceRow.SchemaDefinition(5, 4, 8, p));
        var output = engine.Predict(padded);
        Assert.Equal(featurizer.Item.IndexOf("i10"), output.HistoryItem[0]);
        Assert.Equal(featurizer.Item.IndexOf("i11"), output.HistoryItem[1]);
        Assert.Equal([0, 0, 0], output.HistoryItem[2..]);
        Assert.Equal([1f, 1f, 0f, 0f, 0f], output.HistoryMask);
        Assert.Equal([featurizer.TimeGaps.IndexOf(30), featurizer.TimeGaps.IndexOf(4000), 0, 0, 0], output.HistoryTime);
        Assert.Equal(Vocabulary.OutOfVocabulary, output.HistoryTags[4]); // an unseen tag is OOV, not padding
        Assert.Equal(0, output.HistoryTags[1]);
        Assert.Equal(Vocabulary.OutOfVocabulary, output.Item);

        var ex = Assert.Throws<ArgumentException>(() => BehaviorSequenceRows.Pad(new BehaviorSequenceRow { UserId = "u9", HistoryItem = ["i10"] }, 5, 4, 8, p));
        Assert.Contains("Row of user 'u9': HistoryShop holds 0 values but HistoryItem holds 1", ex.Message);
    }

    private sealed class FeaturizedOutput
    {
        public int[] HistoryItem { get; set; } = [];
        public int[] HistoryTags { get; set; } = [];
        public int[] HistoryTime { get; set; } = [];
        public float[] HistoryMask { get; set; } = [];
        public int Item { get; set; }
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

    private static int[] Padded(int[] values, int size) => [.. values, .. new int[size - values.Length]];

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
