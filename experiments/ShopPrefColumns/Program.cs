// Issue #31: which candidate-aware columns get shop preference (user, t, candidate shop) off chance?
// Loads a dataset folder and a model trained on it, computes hand features, the candidate-match
// baseline aggregates and several designs of candidate columns from the pre-trained weights (plain
// arrays here; the chosen design is an ONNX graph in the library), fits ML.NET's LightGbm on each
// feature set (training rows) and prints the test AUC. A single column's AUC is also shown raw.
//
//   OMP_NUM_THREADS=1 dotnet run -c Release --project experiments/ShopPrefColumns -- DATA_DIR MODEL_DIR
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
#pragma warning disable CS0219, IDE0059
using Dupn.MLNet;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ShopPrefColumns DATA_DIR MODEL_DIR");
    return 2;
}
var dataset = Dataset.Open(args[0]);
var model = DupnModel.Load(args[1]);
if (Environment.GetEnvironmentVariable("SP_WITH_BASELINE_ONLY") == "1")
{
    // Learners for RT (baseline + DUPN columns), through the library.
    var mlb = new MLContext(seed: 1);
    foreach (var (name, make) in new (string, Func<MLContext, string, IEstimator<ITransformer>>?)[]
    {
        ("logistic on mean-variance (default)", null),
        ("logistic on binned", (m, f) => m.Transforms.NormalizeBinning("Features", f).Append(m.BinaryClassification.Trainers.LbfgsLogisticRegression("Label", "Features", l2Regularization: 1f))),
        ("logistic on min-max", (m, f) => m.Transforms.NormalizeMinMax("Features", f).Append(m.BinaryClassification.Trainers.LbfgsLogisticRegression("Label", "Features", l2Regularization: 1f))),
        ("lightgbm 4x100", (m, f) => m.BinaryClassification.Trainers.LightGbm("Label", f, numberOfLeaves: 4, numberOfIterations: 100)),
    })
    {
        var r = Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.FitWithBaseline(mlb, model, dataset, learner: make);
        Console.WriteLine($"  FitWithBaseline {name,-40} {r.Metrics.Auc:F4}");
        var c = Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.Fit(mlb, model, dataset, learner: make).Result;
        Console.WriteLine($"  Fit (columns)   {name,-40} {c.Metrics.Auc:F4}");
    }
    return 0;
}
var fz = model.Featurizer;
var train = fz.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Train);
var test = fz.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Test);
Console.WriteLine($"{args[0]}: {train.Count} train, {test.Count} test rows, N = {model.Architecture.MaxHistory}, test positives {test.Count(r => r.Label > 0.5f)}");

// The same vocabularies with N = 100: the hand rule's window, and the candidate columns' (the user
// graph's history dimension is dynamic and the count gate works step by step).
var fz100 = fz.WithMaxHistory(100);
var train100 = fz100.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Train);
var test100 = fz100.Transform(dataset, DupnTask.ShopPref, DatasetSplit.Test);

var cat30 = Catalog.Fit(train);
var cat100 = Catalog.Fit(train100);
var w = model.Weights;
var ctx30 = new Ctx(fz, cat30, w, model.Architecture.ItemFeatureDim);
var ctx100 = new Ctx(fz, cat100, w, model.Architecture.ItemFeatureDim);

// rep and the CTR head's score of the shop's modal item, through the exported ONNX graphs.
using var split = new DupnSplitScorer(model.ExportOnnx(DupnGraphKind.User), model.ExportOnnx(DupnGraphKind.Items));
float[][] Reps(IReadOnlyList<FeaturizedRow> rows)
{
    var result = new float[rows.Count][];
    for (int s = 0; s < rows.Count; s += 256)
    {
        var batch = rows.Skip(s).Take(256).ToList();
        var scores = split.User.Score(batch);
        for (int i = 0; i < batch.Count; i++)
            result[s + i] = scores.Embedding(i).ToArray();
    }
    return result;
}
float[] CtrLogits(IReadOnlyList<FeaturizedRow> rows, float[][] reps) => rows.Select((r, i) =>
{
    var cand = ctx30.Candidate(r.TargetShop);
    float p = split.ScoreItems(reps[i], [cand]).Ctr![0];
    p = Math.Clamp(p, 1e-6f, 1 - 1e-6f);
    return MathF.Log(p / (1 - p));
}).ToArray();
var trainRep = Reps(train);
var testRep = Reps(test);
var trainCtr = CtrLogits(train, trainRep);
var testCtr = CtrLogits(test, testRep);
var yTrain = train.Select(r => r.Label > 0.5f).ToArray();
var yTest = test.Select(r => r.Label > 0.5f).ToArray();

float[][] Table(Func<bool, int, float[]> f, bool isTrain) => Enumerable.Range(0, isTrain ? train.Count : test.Count).Select(i => f(isTrain, i)).ToArray();
var cache = new Dictionary<string, (float[][] Train, float[][] Test)>();
(float[][] Train, float[][] Test) Cached(string key, Func<bool, int, float[]> f) =>
    cache.TryGetValue(key, out var v) ? v : cache[key] = (Table(f, true), Table(f, false));
var hand = Cached("hand", (t, i) => Features.Hand((t ? train100 : test100)[i], cat100, fz100));
var hand30 = Cached("hand30", (t, i) => Features.Hand((t ? train : test)[i], cat30, fz));
var baseline = Cached("base", (t, i) => Features.Baseline((t ? train100 : test100)[i], cat100, fz100));
var d30 = Cached("d30", (t, i) => [.. ctx30.Columns((t ? train : test)[i], (t ? trainRep : testRep)[i]), (t ? trainCtr : testCtr)[i]]);
var d100 = Cached("d100", (t, i) => ctx100.Counts((t ? train100 : test100)[i]));
var reps = (trainRep, testRep);
string[] d30Names = ["g_shop@30", "g_cat@30", "cos_shop", "cos_cat", "c_dot_cat", "match_dot_tower", "ctr_logit"];
string[] d100Names = ["g_shop@100", "g_cat@100", "n_shop@100", "n_cat@100", "g_shop_decay@100", "g_cat_decay@100"];

Console.WriteLine("\nsingle columns, raw AUC (no learning):");
void Raw(string name, (float[][] Train, float[][] Test) x, int k) =>
    Console.WriteLine($"  {name,-44} {Auc(x.Test.Select(v => (double)v[k]).ToArray(), yTest):F4}");
Raw("hand: type-weighted category matches (N=100)", hand, 0);
Raw("same-shop count (N=100)", hand, 1);
Raw("hand: type-weighted category matches (N=30)", hand30, 0);
for (int k = 0; k < d30Names.Length; k++) Raw("dupn " + d30Names[k], d30, k);
for (int k = 0; k < d100Names.Length; k++) Raw("dupn " + d100Names[k], d100, k);

(float[][] Train, float[][] Test) Pick((float[][] Train, float[][] Test) x, params int[] k) =>
    (x.Train.Select(v => k.Select(j => v[j]).ToArray()).ToArray(), x.Test.Select(v => k.Select(j => v[j]).ToArray()).ToArray());
(float[][] Train, float[][] Test) Join(params (float[][] Train, float[][] Test)[] xs) =>
    (xs[0].Train.Select((_, i) => xs.SelectMany(x => x.Train[i]).ToArray()).ToArray(), xs[0].Test.Select((_, i) => xs.SelectMany(x => x.Test[i]).ToArray()).ToArray());
var shopIndex = (train.Select(r => new float[] { r.TargetShop }).ToArray(), test.Select(r => new float[] { r.TargetShop }).ToArray());

var ml = new MLContext(seed: 1);
Console.WriteLine($"\n{"feature set",-52} {"lgbm 31x200",11} {"lgbm 4x100",11} {"logistic",9}");
void Fit(string name, (float[][] Train, float[][] Test) x)
{
    double a = LightGbmAuc(ml, x.Train, yTrain, x.Test, yTest, 31, 200), b = LightGbmAuc(ml, x.Train, yTrain, x.Test, yTest, 4, 100),
        c = LogisticAuc(ml, x.Train, yTrain, x.Test, yTest);
    Console.WriteLine($"  {name,-50} {a,11:F4} {b,11:F4} {c,9:F4}");
}
Fit("hand + same-shop (N=100)", hand);
Fit("baseline aggregates (N=100)", baseline);
Fit("baseline + hand", Join(baseline, hand));
Fit("rep + shop index (RT today, roughly)", Join(reps, shopIndex));
Fit("dupn {g_shop, g_cat}@30", Pick(d30, 0, 1));
Fit("dupn {g_shop, g_cat}@100", Pick(d100, 0, 1));
Fit("dupn {g_, n_}x{shop, cat}@100", Pick(d100, 0, 1, 2, 3));
Fit("dupn counts@100 all 6", d100);
Fit("dupn soft {cos_shop, cos_cat, c_dot_cat}@30", Pick(d30, 2, 3, 4));
Fit("dupn head {match_dot_tower, ctr_logit}@30", Pick(d30, 5, 6));
Fit("dupn counts@100 + soft + head", Join(d100, Pick(d30, 2, 3, 4, 5, 6)));
Fit("rep + dupn counts@100", Join(reps, d100));
Fit("baseline + dupn counts@100", Join(baseline, d100));
Fit("baseline + dupn counts@100 + soft + head", Join(baseline, d100, Pick(d30, 2, 3, 4, 5, 6)));

// The library: the baseline (ShopPreferenceBaseline) and RT through the ONNX candidate-columns graph.
Console.WriteLine("\nlibrary code:");
var lib = new Dupn.MLNet.Trainers.Baselines.ShopPreferenceBaseline(ml, fz100).FitPredict(DupnTask.ShopPref, train100, test100);
Console.WriteLine($"  {"ShopPreferenceBaseline (lightgbm-shop, N=100)",-60} {Auc(lib.Scores!.Select(v => (double)v).ToArray(), yTest):F4}");
var learners = new (string Name, Func<MLContext, string, IEstimator<ITransformer>>? Make)[]
{
    ("logistic (default)", null),
    ("lightgbm 4x100", (m, f) => m.BinaryClassification.Trainers.LightGbm("Label", f, numberOfLeaves: 4, numberOfIterations: 100)),
    ("lightgbm 31x200", (m, f) => m.BinaryClassification.Trainers.LightGbm("Label", f, numberOfLeaves: 31, numberOfIterations: 200)),
    ("fasttree 4x100", (m, f) => m.BinaryClassification.Trainers.FastTree("Label", f, numberOfLeaves: 4, numberOfTrees: 100)),
};
foreach (var (name, make) in learners)
{
    var (fitted, result, graph) = Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.Fit(ml, model, dataset, 100, make);
    Console.WriteLine($"  {"RT-candidate ONNX columns -> " + name,-60} {result.Metrics.Auc:F4}  ({result.Elapsed.TotalSeconds:F1} s)");
    if (make is null)
    {
        // ONNX columns against the C# prototype's, and the saved zip reloaded.
        var view = fitted.Transform(Dupn.MLNet.Transforms.Embedding.DupnShopPreferenceRows.Load(ml, fz100, test100));
        var testView = Dupn.MLNet.Transforms.Embedding.DupnShopPreferenceRows.Load(ml, fz100, test100);
        var cols = ml.Transforms.DupnCandidateColumns(graph, 100).Fit(testView).Transform(testView).GetColumn<float[]>("CandidateColumns").ToArray();
        double maxDiff = 0;
        for (int i = 0; i < cols.Length; i++) for (int k = 0; k < 4; k++) maxDiff = Math.Max(maxDiff, Math.Abs(cols[i][k] - d100.Test[i][k]));
        Console.WriteLine($"    max |ONNX - C# prototype| over {cols.Length} x 4 columns: {maxDiff:G3}; graph {graph.Length / 1024.0:F1} KiB");
        string zip = Path.Combine(Path.GetTempPath(), "shop-pref-candidate.zip");
        ml.Model.Save(fitted, view.Schema, zip);
        var reloaded = ml.Model.Load(zip, out _);
        var again = ml.BinaryClassification.EvaluateNonCalibrated(reloaded.Transform(Dupn.MLNet.Transforms.Embedding.DupnShopPreferenceRows.Load(ml, fz100, test100)), "Label");
        Console.WriteLine($"    saved {zip} ({new FileInfo(zip).Length / 1024.0:F1} KiB), reloaded AUC {again.AreaUnderRocCurve:F4}");

        // Does the user embedding help the chosen learner? rep (the user graph at the model's N, as
        // DupnUserEmbedding gives it) concatenated with the same ONNX columns, into DefaultLearner.
        var trainView = Dupn.MLNet.Transforms.Embedding.DupnShopPreferenceRows.Load(ml, fz100, train100);
        var trainCols = ml.Transforms.DupnCandidateColumns(graph, 100).Fit(trainView).Transform(trainView).GetColumn<float[]>("CandidateColumns").ToArray();
        double LearnerAuc((float[][] Train, float[][] Test) x)
        {
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x.Train[0].Length);
            var tv = ml.Data.LoadFromEnumerable(x.Train.Select((v, i) => new Row { Features = v, Label = yTrain[i] }), schema);
            var sv = ml.Data.LoadFromEnumerable(x.Test.Select((v, i) => new Row { Features = v, Label = yTest[i] }), schema);
            var m = Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.DefaultLearner(ml, nameof(Row.Features)).Fit(tv);
            return ml.BinaryClassification.Evaluate(m.Transform(sv), nameof(Row.Label)).AreaUnderRocCurve;
        }
        var onnxCols = (trainCols, cols);
        Console.WriteLine($"  {"DefaultLearner on ONNX columns (plain arrays)",-60} {LearnerAuc(onnxCols):F4}");
        Console.WriteLine($"  {"DefaultLearner on rep@N + ONNX columns",-60} {LearnerAuc(Join(reps, onnxCols)):F4}");
        Console.WriteLine($"  {"DefaultLearner on rep@N alone",-60} {LearnerAuc(reps):F4}");
        Console.WriteLine($"  {"lightgbm 4x100 on rep@N + ONNX columns",-60} {LightGbmAuc(ml, Join(reps, onnxCols).Train, yTrain, Join(reps, onnxCols).Test, yTest, 4, 100):F4}");
    }
}
var transferBaseline = Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.Baseline(ml, fz, dataset);
Console.WriteLine($"  {"ShopPreferenceCandidateRt.Baseline",-60} {transferBaseline.Metrics.Auc:F4}  ({transferBaseline.Elapsed.TotalSeconds:F1} s)");
var withBaseline = Dupn.MLNet.Trainers.Transfer.ShopPreferenceCandidateRt.FitWithBaseline(ml, model, dataset);
Console.WriteLine($"  {"ShopPreferenceCandidateRt.FitWithBaseline (logistic)",-60} {withBaseline.Metrics.Auc:F4}  ({withBaseline.Elapsed.TotalSeconds:F1} s)");
return 0;

static double LogisticAuc(MLContext ml, float[][] xTrain, bool[] yTrain, float[][] xTest, bool[] yTest)
{
    // log1p of the non-negative counts, then standardised: the usual treatment of counts for a linear model.
    static float[] T(float[] v) => v.Select(x => x >= 0 ? MathF.Log(1 + x) : x).ToArray();
    var schema = SchemaDefinition.Create(typeof(Row));
    schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, xTrain[0].Length);
    var trainView = ml.Data.LoadFromEnumerable(xTrain.Select((x, i) => new Row { Features = T(x), Label = yTrain[i] }), schema);
    var testView = ml.Data.LoadFromEnumerable(xTest.Select((x, i) => new Row { Features = T(x), Label = yTest[i] }), schema);
    var model = ml.Transforms.NormalizeMeanVariance(nameof(Row.Features))
        .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(nameof(Row.Label), nameof(Row.Features), l2Regularization: 1f)).Fit(trainView);
    var p = ml.Data.CreateEnumerable<Score>(model.Transform(testView), reuseRowObject: false).Select(s => (double)s.Probability).ToArray();
    return Auc(p, yTest);
}

static double LightGbmAuc(MLContext ml, float[][] xTrain, bool[] yTrain, float[][] xTest, bool[] yTest, int leaves, int iterations)
{
    var schema = SchemaDefinition.Create(typeof(Row));
    schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, xTrain[0].Length);
    var trainView = ml.Data.LoadFromEnumerable(xTrain.Select((x, i) => new Row { Features = x, Label = yTrain[i] }), schema);
    var testView = ml.Data.LoadFromEnumerable(xTest.Select((x, i) => new Row { Features = x, Label = yTest[i] }), schema);
    var model = ml.BinaryClassification.Trainers.LightGbm(nameof(Row.Label), nameof(Row.Features), numberOfLeaves: leaves, numberOfIterations: iterations).Fit(trainView);
    var p = ml.Data.CreateEnumerable<Score>(model.Transform(testView), reuseRowObject: false).Select(s => (double)s.Probability).ToArray();
    return Auc(p, yTest);
}

static double Auc(double[] s, bool[] y)
{
    var order = Enumerable.Range(0, s.Length).OrderBy(i => s[i]).ToArray();
    double rankSum = 0; int pos = 0;
    for (int a = 0; a < order.Length;)
    {
        int b = a;
        while (b + 1 < order.Length && s[order[b + 1]] == s[order[a]]) b++;
        double rank = (a + b) / 2.0 + 1;
        for (int k = a; k <= b; k++) if (y[order[k]]) { rankSum += rank; pos++; }
        a = b + 1;
    }
    int neg = s.Length - pos;
    return (rankSum - pos * (pos + 1) / 2.0) / ((double)pos * neg);
}

sealed class Row { public float[] Features { get; set; } = []; public bool Label { get; set; } }
sealed class Score { public float Probability { get; set; } }

/// <summary>Shop index -> modal category, item, brand, tags, seen in the training histories.</summary>
sealed class Catalog
{
    public Dictionary<int, int> Category = [], Item = [], Brand = [];
    public Dictionary<int, int[]> Tags = [];
    public static Catalog Fit(IReadOnlyList<FeaturizedRow> rows)
    {
        var cats = new Dictionary<(int, int), int>(); var items = new Dictionary<(int, int), int>(); var brands = new Dictionary<(int, int), int>();
        var tags = new Dictionary<int, int[]>();
        foreach (var r in rows)
        {
            int k = r.Length == 0 ? 0 : r.HistoryTags.Length / r.Length;
            for (int t = 0; t < r.Length; t++)
            {
                int s = r.HistoryShop[t];
                if (s <= 1) continue;
                cats[(s, r.HistoryCategory[t])] = cats.GetValueOrDefault((s, r.HistoryCategory[t])) + 1;
                items[(s, r.HistoryItem[t])] = items.GetValueOrDefault((s, r.HistoryItem[t])) + 1;
                brands[(s, r.HistoryBrand[t])] = brands.GetValueOrDefault((s, r.HistoryBrand[t])) + 1;
            }
        }
        var c = new Catalog();
        Dictionary<int, int> Modal(Dictionary<(int, int), int> d) => d.GroupBy(p => p.Key.Item1)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item2).First().Key.Item2);
        c.Category = Modal(cats); c.Item = Modal(items); c.Brand = Modal(brands);
        // tags of the modal item
        foreach (var r in rows)
        {
            int k = r.Length == 0 ? 0 : r.HistoryTags.Length / r.Length;
            for (int t = 0; t < r.Length; t++)
                if (c.Item.TryGetValue(r.HistoryShop[t], out int it) && it == r.HistoryItem[t] && !c.Tags.ContainsKey(r.HistoryShop[t]))
                    c.Tags[r.HistoryShop[t]] = r.HistoryTags.AsSpan(t * k, k).ToArray();
        }
        return c;
    }
}

static class Features
{
    // Type-weighted (click 1, fav 2, cart 3, buy 4) category matches and same-shop count.
    public static float[] Hand(FeaturizedRow r, Catalog cat, BehaviorFeaturizer fz)
    {
        int c = cat.Category.GetValueOrDefault(r.TargetShop);
        var weight = TypeWeights(fz);
        float hand = 0, same = 0;
        for (int t = 0; t < r.Length; t++)
        {
            if (c > 1 && r.HistoryCategory[t] == c) hand += weight.GetValueOrDefault(r.HistoryType[t]);
            if (r.TargetShop > 1 && r.HistoryShop[t] == r.TargetShop) same++;
        }
        return [hand, same];
    }

    public static Dictionary<int, float> TypeWeights(BehaviorFeaturizer fz) => new()
    {
        [fz.Type.IndexOf("click")] = 1, [fz.Type.IndexOf("fav")] = 2, [fz.Type.IndexOf("cart")] = 3, [fz.Type.IndexOf("buy")] = 4,
    };

    // Candidate-match aggregates: per type (click, fav, cart, buy) x target (shop, shop's category):
    // count, recency-weighted count (half-life 10 behaviours), count within a day, within a week;
    // the most recent match's gap bucket; history totals per type and length.
    public static float[] Baseline(FeaturizedRow r, Catalog cat, BehaviorFeaturizer fz)
    {
        int c = cat.Category.GetValueOrDefault(r.TargetShop);
        int[] types = [fz.Type.IndexOf("click"), fz.Type.IndexOf("fav"), fz.Type.IndexOf("cart"), fz.Type.IndexOf("buy")];
        int day = 2 + 4, week = 2 + 5; // time index = 2 + bucket; buckets <1m,<5m,<30m,<1h,<1d,<1w,older
        var f = new List<float>();
        var block = new float[2, 4, 4];
        var recent = new float[] { 9, 9 };
        var totals = new float[4];
        for (int t = 0; t < r.Length; t++)
        {
            int y = Array.IndexOf(types, r.HistoryType[t]);
            if (y < 0) continue;
            totals[y]++;
            float decay = MathF.Pow(0.5f, (r.Length - 1 - t) / 10f);
            bool[] match = [r.TargetShop > 1 && r.HistoryShop[t] == r.TargetShop, c > 1 && r.HistoryCategory[t] == c];
            for (int m = 0; m < 2; m++)
            {
                if (!match[m]) continue;
                block[m, y, 0]++;
                block[m, y, 1] += decay;
                if (r.HistoryTime[t] <= day) block[m, y, 2]++;
                if (r.HistoryTime[t] <= week) block[m, y, 3]++;
                recent[m] = Math.Min(recent[m], r.HistoryTime[t]);
            }
        }
        foreach (var v in block) f.Add(v);
        f.AddRange(recent);
        f.AddRange(totals);
        f.Add(r.Length);
        return f.ToArray();
    }
}

/// <summary>Candidate columns from the pre-trained weights.</summary>
sealed class Ctx(BehaviorFeaturizer fz, Catalog cat, Dupn.MLNet.StateDict w, int itemFeatureDim)
{
    readonly float[] _gw = w["counts.gate.weight"].Values, _gb = w["counts.gate.bias"].Values;
    readonly (float[] V, int D) _scene = T(w, "embeddings.scene.weight"), _time = T(w, "embeddings.time.weight"), _type = T(w, "embeddings.type.weight"),
        _shop = T(w, "embeddings.shop.weight"), _cat = T(w, "embeddings.category.weight");
    static (float[], int) T(Dupn.MLNet.StateDict w, string n) => (w[n].Values, w[n].Shape[1]);
    static ReadOnlySpan<float> Row((float[] V, int D) t, int i) => t.V.AsSpan(i * t.D, t.D);
    static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) { float s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }
    static float Cos(ReadOnlySpan<float> a, ReadOnlySpan<float> b) { float n = MathF.Sqrt(Dot(a, a) * Dot(b, b)); return n > 0 ? Dot(a, b) / n : 0; }

    public DupnCandidate Candidate(int shop) => new()
    {
        Item = cat.Item.GetValueOrDefault(shop, 1), Shop = shop, Brand = cat.Brand.GetValueOrDefault(shop, 1),
        Category = cat.Category.GetValueOrDefault(shop, 1), ItemTags = cat.Tags.GetValueOrDefault(shop, []),
        RankingFeatures = new float[fz.RankingFeatures], Talent = 1,
    };

    float Gate(int scene, int time, int type)
    {
        float z = _gb[0] + Dot(_gw.AsSpan(0, 16), Row(_scene, scene)) + Dot(_gw.AsSpan(16, 16), Row(_time, time)) + Dot(_gw.AsSpan(32, 16), Row(_type, type));
        return 1f / (1f + MathF.Exp(-z));
    }

    /// <summary>Candidate-conditioned counts: gated (count gate), plain, gated with a recency decay (half-life 10 steps).</summary>
    public float[] Counts(FeaturizedRow r)
    {
        int s = r.TargetShop, c = cat.Category.GetValueOrDefault(s, 1);
        var f = new float[6];
        for (int t = 0; t < r.Length; t++)
        {
            float g = Gate(r.HistoryScene[t], r.HistoryTime[t], r.HistoryType[t]);
            float decay = MathF.Pow(0.5f, (r.Length - 1 - t) / 10f);
            bool ms = s > 1 && r.HistoryShop[t] == s, mc = c > 1 && r.HistoryCategory[t] == c;
            if (ms) { f[0] += g; f[2]++; f[4] += g * decay; }
            if (mc) { f[1] += g; f[3]++; f[5] += g * decay; }
        }
        return f;
    }

    public IEnumerable<float> Columns(FeaturizedRow r, float[] rep)
    {
        int s = r.TargetShop, c = cat.Category.GetValueOrDefault(s, 1);
        float gShop = 0, gCat = 0, cosShop = 0, cosCat = 0, dotCat = 0;
        for (int t = 0; t < r.Length; t++)
        {
            float g = Gate(r.HistoryScene[t], r.HistoryTime[t], r.HistoryType[t]);
            if (s > 1 && r.HistoryShop[t] == s) gShop += g;
            if (c > 1 && r.HistoryCategory[t] == c) gCat += g;
            cosShop += g * Cos(Row(_shop, r.HistoryShop[t]), Row(_shop, s));
            cosCat += g * Cos(Row(_cat, r.HistoryCategory[t]), Row(_cat, c));
            dotCat += g * Dot(Row(_cat, r.HistoryCategory[t]), Row(_cat, c));
        }
        // match(rep) . tower(candidate): the CTR head's bilinear interaction.
        var cand = Candidate(s);
        var e = new float[itemFeatureDim];
        int o = 0;
        void Put(string table, int index) { var (v, d) = T(w, table); v.AsSpan(index * d, d).CopyTo(e.AsSpan(o)); o += d; }
        Put("embeddings.item.weight", cand.Item); Put("embeddings.shop.weight", cand.Shop); Put("embeddings.brand.weight", cand.Brand); Put("embeddings.category.weight", cand.Category);
        var (tv, td) = T(w, "embeddings.tag.weight");
        int n = 0;
        foreach (int tag in cand.ItemTags) if (tag != 0) { n++; for (int j = 0; j < td; j++) e[o + j] += tv[tag * td + j]; }
        if (n > 0) for (int j = 0; j < td; j++) e[o + j] /= n;
        var pw = w["item_tower.proj.weight"]; var pb = w["item_tower.proj.bias"].Values;
        int towerDim = pw.Shape[0];
        var tower = new float[towerDim];
        for (int i = 0; i < towerDim; i++) tower[i] = pb[i] + Dot(pw.Values.AsSpan(i * itemFeatureDim, itemFeatureDim), e);
        var mw = w["ctr.match.weight"];
        float md = 0;
        for (int i = 0; i < towerDim; i++) md += Dot(mw.Values.AsSpan(i * rep.Length, rep.Length), rep) * tower[i];
        return [gShop, gCat, cosShop, cosCat, dotCat, md];
    }
}
