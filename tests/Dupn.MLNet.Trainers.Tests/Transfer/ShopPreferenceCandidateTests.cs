using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Baselines;
using Dupn.MLNet.Trainers.Tests.Baselines;
using Dupn.MLNet.Transforms.Embedding;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Trainers.Tests.Transfer;

/// <summary>Issue #31: the shop catalog, the store-preference baseline and the candidate-columns graph.</summary>
public class ShopPreferenceCandidateTests
{
    internal static (BehaviorFeaturizer Featurizer, IReadOnlyList<FeaturizedRow> Train, IReadOnlyList<FeaturizedRow> Test) Data(string folder)
    {
        TaobaoLikeGenerator.Generate(folder, new TaobaoLikeGeneratorOptions { Users = 300, Seed = 5 });
        var dataset = Dataset.Open(folder);
        var featurizer = BehaviorFeaturizer.Fit(dataset, new BehaviorFeaturizerOptions { MaxHistory = 100 });
        return (featurizer, featurizer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Train), featurizer.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Test));
    }

    [Fact]
    public void Catalog_knows_the_one_category_each_generated_shop_sells_and_the_baseline_finds_the_preference()
    {
        using var temp = RepoPaths.NewTempDir();
        var (featurizer, train, test) = Data(temp.Path);
        var catalog = ShopCatalog.Fit(featurizer, train);
        foreach (var row in test)
        {
            for (int t = 0; t < row.Length; t++)
            {
                int known = catalog.Category(row.HistoryShop[t]);
                Assert.True(known == 0 || known == row.HistoryCategory[t]);
            }
        }
        Assert.Equal(0, catalog.Category(0));
        Assert.Equal(0, catalog.Category(1));

        var predictions = new ShopPreferenceBaseline(new MLContext(seed: 0), featurizer).FitPredict(DupnTask.ShopPref, train, test);
        double auc = PlantedRows.Auc(predictions.Scores!, test.Select(r => r.Label).ToArray());
        // The generator's shop preference follows the user's interest categories and favourite shops
        // (docs/generator.md); "buys from that shop" alone gets about 0.67, chance is 0.5.
        Assert.True(auc > 0.7, $"lightgbm-shop AUC {auc:F3}");
    }

    /// <summary>A candidate-columns graph from random gate weights (the graph reads nothing else).</summary>
    private static (DupnArchitecture Architecture, StateDict Weights, byte[] Graph) Graph(BehaviorFeaturizer featurizer, ShopCatalog catalog)
    {
        var a = new DupnArchitecture();
        var random = new Random(3);
        float[] Random(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var weights = new StateDict();
        int scenes = featurizer.Scene.Size + 2, times = featurizer.TimeGaps.TableSize, types = featurizer.Type.Size + 2;
        weights.Add("embeddings.scene.weight", [scenes, a.SceneDim], Random(scenes * a.SceneDim));
        weights.Add("embeddings.time.weight", [times, a.TimeDim], Random(times * a.TimeDim));
        weights.Add("embeddings.type.weight", [types, a.TypeDim], Random(types * a.TypeDim));
        weights.Add("counts.gate.weight", [1, a.PropertyDim], Random(a.PropertyDim));
        weights.Add("counts.gate.bias", [1], Random(1));
        return (a, weights, DupnCandidateColumnsExporter.ExportBytes(a, weights, catalog.CategoryOfShop));
    }

    [Fact]
    public void Candidate_columns_transform_keeps_the_estimator_contract_fit_schema_save_load_same_output()
    {
        using var temp = RepoPaths.NewTempDir();
        var (featurizer, train, test) = Data(Path.Combine(temp.Path, "data"));
        var (_, _, graph) = Graph(featurizer, ShopCatalog.Fit(featurizer, train));
        var ml = new MLContext(seed: 0);
        var trainView = DupnShopPreferenceRows.Load(ml, featurizer, train);
        var testView = DupnShopPreferenceRows.Load(ml, featurizer, test.Take(50));
        var estimator = ml.Transforms.DupnCandidateColumns(graph, featurizer.Options.MaxHistory);

        // The output schema is known before fitting, and is what the fitted transformer gives.
        var expected = estimator.GetOutputSchema(ShapeOf(trainView.Schema));
        var column = expected.Single(c => c.Name == DupnCandidateColumnsCatalog.DefaultOutputColumnName);
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Equal(NumberDataViewType.Single, column.ItemType);
        var fitted = estimator.Fit(trainView);
        var scored = fitted.Transform(testView);
        var type = Assert.IsType<VectorDataViewType>(scored.Schema[DupnCandidateColumnsCatalog.DefaultOutputColumnName].Type);
        Assert.Equal(DupnGraphNames.CandidateColumnNames.Length, type.Size);
        Assert.Null(scored.Schema.GetColumnOrNull(DupnGraphNames.CandidateColumns));
        Assert.Null(scored.Schema.GetColumnOrNull(DupnGraphNames.TargetShop));
        var before = scored.GetColumn<float[]>(DupnCandidateColumnsCatalog.DefaultOutputColumnName).ToArray();
        Assert.Contains(before, v => v.Any(x => x > 0));

        // Saved into a zip (the graph's bytes inside) and loaded by a fresh context: the same columns.
        string zip = Path.Combine(temp.Path, "candidate-columns.zip");
        ml.Model.Save(fitted, trainView.Schema, zip);
        var fresh = new MLContext(seed: 1);
        var loaded = fresh.Model.Load(zip, out var inputSchema);
        Assert.NotNull(inputSchema.GetColumnOrNull("TargetShop"));
        var after = loaded.Transform(DupnShopPreferenceRows.Load(fresh, featurizer, test.Take(50)))
            .GetColumn<float[]>(DupnCandidateColumnsCatalog.DefaultOutputColumnName).ToArray();
        Assert.Equal(before.Length, after.Length);
        for (int i = 0; i < before.Length; i++)
            for (int k = 0; k < before[i].Length; k++)
                Assert.True(Math.Abs(before[i][k] - after[i][k]) < 1e-5, $"row {i} column {k}: {after[i][k]} after reload against {before[i][k]}");
    }

    [Fact]
    public void Candidate_columns_graph_counts_the_history_at_the_candidate_through_the_gate()
    {
        using var temp = RepoPaths.NewTempDir();
        var (featurizer, train, test) = Data(temp.Path);
        var catalog = ShopCatalog.Fit(featurizer, train);
        var (a, weights, graph) = Graph(featurizer, catalog);

        var rows = test.Take(64).ToArray();
        var columns = CandidateColumns(graph, rows);

        float Dot(string table, int index, int dim, int offset)
        {
            var t = weights[table].Values;
            float s = 0;
            for (int j = 0; j < dim; j++)
                s += t[index * dim + j] * weights["counts.gate.weight"].Values[offset + j];
            return s;
        }
        bool anyCategoryMatch = false;
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            int category = catalog.Category(r.TargetShop);
            var expected = new double[4];
            for (int t = 0; t < r.Length; t++)
            {
                double z = weights["counts.gate.bias"].Values[0] + Dot("embeddings.scene.weight", r.HistoryScene[t], a.SceneDim, 0)
                    + Dot("embeddings.time.weight", r.HistoryTime[t], a.TimeDim, a.SceneDim) + Dot("embeddings.type.weight", r.HistoryType[t], a.TypeDim, a.SceneDim + a.TimeDim);
                double g = 1 / (1 + Math.Exp(-z));
                if (r.TargetShop > 1 && r.HistoryShop[t] == r.TargetShop) { expected[0] += g; expected[2]++; }
                if (category > 1 && r.HistoryCategory[t] == category) { expected[1] += g; expected[3]++; anyCategoryMatch = true; }
            }
            for (int k = 0; k < 4; k++)
                Assert.True(Math.Abs(expected[k] - columns[i * 4 + k]) < 1e-4, $"row {i} column {DupnCandidateColumnsExporter.ColumnNames[k]}: {columns[i * 4 + k]} against {expected[k]}");
        }
        Assert.True(anyCategoryMatch);
    }

    /// <summary>The candidate-columns graph run by ONNX Runtime on <paramref name="rows"/>: [rows x 4], row-major.</summary>
    internal static float[] CandidateColumns(byte[] graph, IReadOnlyList<FeaturizedRow> rows)
    {
        int n = rows.Max(r => r.Length);
        long[] Ids(Func<FeaturizedRow, int[]> field) => rows.SelectMany(r => field(r).Select(v => (long)v).Concat(Enumerable.Repeat(0L, n - r.Length))).ToArray();
        using var session = new InferenceSession(graph);
        var shape = new long[] { rows.Count, n };
        using var inputs = new DisposableList<OrtValue>();
        var feeds = new Dictionary<string, OrtValue>
        {
            ["hist_shop"] = OrtValue.CreateTensorValueFromMemory(Ids(r => r.HistoryShop), shape),
            ["hist_category"] = OrtValue.CreateTensorValueFromMemory(Ids(r => r.HistoryCategory), shape),
            ["hist_type"] = OrtValue.CreateTensorValueFromMemory(Ids(r => r.HistoryType), shape),
            ["hist_scene"] = OrtValue.CreateTensorValueFromMemory(Ids(r => r.HistoryScene), shape),
            ["hist_time"] = OrtValue.CreateTensorValueFromMemory(Ids(r => r.HistoryTime), shape),
            ["hist_mask"] = OrtValue.CreateTensorValueFromMemory(rows.SelectMany(r => Enumerable.Range(0, n).Select(t => t < r.Length ? 1f : 0f)).ToArray(), shape),
            ["target_shop"] = OrtValue.CreateTensorValueFromMemory(rows.Select(r => (long)r.TargetShop).ToArray(), [rows.Count, 1]),
        };
        foreach (var v in feeds.Values)
            inputs.Add(v);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, feeds.Keys.ToArray(), feeds.Values.ToArray(), [DupnCandidateColumnsExporter.Output]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    // SchemaShape.Create(DataViewSchema) is internal in ML.NET.
    private static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic, [typeof(DataViewSchema)])!
            .Invoke(null, [schema])!;

    private sealed class DisposableList<T> : List<T>, IDisposable where T : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in this)
                item.Dispose();
        }
    }
}
