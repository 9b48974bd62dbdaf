// OnnxExport: a trained DUPN model as three ONNX files, run with ONNX Runtime alone.
//
// What it shows (docs/onnx-export.md): DupnModel.ExportOnnx writes
//   user.onnx  - history, query (and profile) in; user_embedding (rep), attention, ppp_probs out,
//   items.onnx - user_embedding and the candidate's item features in; ctr, l2r, follow scores out,
//   full.onnx  - both in one graph (history and candidate in, scores out).
// The scoring half uses nothing but Microsoft.ML.OnnxRuntime's InferenceSession with tensors built
// by hand from one featurised row, so it carries over to any ONNX Runtime host (Python, C++, Java).
// Training the small model uses ML.NET and TorchSharp; scoring does not.
//
// Run: dotnet run --project examples/OnnxExport
//
// Expected output (observed; the numbers are deterministic):
//   Exported user.onnx: 1717 KiB
//   Exported items.onnx: 2080 KiB
//   Exported full.onnx: 3122 KiB
//   Row: user u0, 20 behaviours, candidate item index 1077, label 0
//   user.onnx inputs: hist_item[1,20] hist_shop[1,20] ... hist_tags[1,20,4] ... hist_mask[1,20] query[1,8] profile[1,3]
//     user_embedding[1,364] = [0.0239, -0.6395, 0.0216, 0.0021, ...]
//     attention[1,20] = [0.0462, 0.0492, 0.0487, 0.0473, ...]
//     ppp_probs[1,7] = [0.3463, 0.1765, 0.1969, 0.1399, ...]
//   items.onnx inputs: user_embedding[1,364] item[1] shop[1] brand[1] category[1] item_tags[1,4] ranking_features[1,26] talent[1] talent_tags[1,4]
//     ctr[1] = [0.4557]
//     l2r[1] = [-0.4275]
//     follow[1] = [0.4517]
//   full.onnx inputs: (the user's and the candidate's, as above)
//     (the six outputs, equal to the two graphs' above)
//   items(user(x)) vs full(x): max |difference| 0.0E+000
// The process exits with 1 when the split and full graphs disagree by more than 1e-5.
using System.Text;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Dupn.MLNet;

string work = Path.Combine(Path.GetTempPath(), $"dupn-onnx-export-{Environment.ProcessId}");

// A tiny model (150 users, N = 20, one epoch; the defaults are N = 100 and 3 epochs).
string dataFolder = Path.Combine(work, "data");
TaobaoLikeGenerator.Generate(dataFolder, new TaobaoLikeGeneratorOptions { Users = 150, Seed = 11 });
var dataset = Dataset.Open(dataFolder);
var model = DupnModelTrainer.Train(new MLContext(seed: 0), dataset, new DupnModelTrainingOptions
{
    Featurizer = new BehaviorFeaturizerOptions { MaxHistory = 20 },
    Trainer = new DupnTrainerOptions { Epochs = 1, Threads = 1, UseCuda = false },
}).Model;
// One L2R test row: a user's history and query plus a candidate item with its ranking features.
var row = model.Featurizer.Transform(dataset, DupnTask.L2r, DatasetSplit.Test)[0];

// Export: three files.
string onnxFolder = Path.Combine(work, "onnx");
Directory.CreateDirectory(onnxFolder);
foreach (var (kind, file) in new[] { (DupnGraphKind.User, "user.onnx"), (DupnGraphKind.Items, "items.onnx"), (DupnGraphKind.Full, "full.onnx") })
{
    byte[] bytes = model.ExportOnnx(kind);
    File.WriteAllBytes(Path.Combine(onnxFolder, file), bytes);
    Console.WriteLine($"Exported {file}: {bytes.Length / 1024} KiB");
}

// From here on: ONNX Runtime only. The values each named input takes for this row; every input is
// batch-major with batch 1 ([1, history], [1, history, K], [1, Q], ...; candidate inputs [1], [1, K]).
long[] Longs(IEnumerable<int> values) => values.Select(v => (long)v).ToArray();
var values = new Dictionary<string, Array>
{
    [DupnGraphNames.HistItem] = Longs(row.HistoryItem), [DupnGraphNames.HistShop] = Longs(row.HistoryShop),
    [DupnGraphNames.HistBrand] = Longs(row.HistoryBrand), [DupnGraphNames.HistCategory] = Longs(row.HistoryCategory),
    [DupnGraphNames.HistTags] = Longs(row.HistoryTags), [DupnGraphNames.HistType] = Longs(row.HistoryType),
    [DupnGraphNames.HistScene] = Longs(row.HistoryScene), [DupnGraphNames.HistTime] = Longs(row.HistoryTime),
    [DupnGraphNames.HistMask] = Enumerable.Repeat(1f, row.Length).ToArray(),
    [DupnGraphNames.Query] = Longs(row.Query), [DupnGraphNames.Profile] = Longs(row.Profile),
    [DupnGraphNames.Item] = new[] { (long)row.Item }, [DupnGraphNames.Shop] = new[] { (long)row.Shop },
    [DupnGraphNames.Brand] = new[] { (long)row.Brand }, [DupnGraphNames.Category] = new[] { (long)row.Category },
    [DupnGraphNames.ItemTags] = Longs(row.ItemTags), [DupnGraphNames.RankingFeatures] = row.RankingFeatures,
    [DupnGraphNames.Talent] = new[] { (long)row.Talent }, [DupnGraphNames.TalentTags] = Longs(row.TalentTags),
    [DupnGraphNames.TargetShop] = new[] { (long)row.TargetShop },
};
Console.WriteLine($"Row: user {row.UserId}, {row.Length} behaviours, candidate item index {row.Item}, label {row.Label}");

var user = Run("user.onnx");
values[DupnGraphNames.UserEmbedding] = user[DupnGraphNames.UserEmbeddingOutput];
var items = Run("items.onnx");
var full = Run("full.onnx");
double difference = items.Keys.Where(full.ContainsKey)
    .Max(name => items[name].Zip(full[name], (a, b) => (double)Math.Abs(a - b)).Max());
Console.WriteLine($"items(user(x)) vs full(x): max |difference| {difference:E1}");
Directory.Delete(work, recursive: true);
return difference <= 1e-5 ? 0 : 1;

// Runs one graph: prints its inputs with their shapes, builds each tensor from `values`, prints the outputs.
Dictionary<string, float[]> Run(string file)
{
    using var session = new InferenceSession(Path.Combine(onnxFolder, file));
    var inputs = new List<NamedOnnxValue>();
    var described = new StringBuilder();
    foreach (var (name, meta) in session.InputMetadata)
    {
        var data = values[name];
        // Fixed dimensions come from the graph; the one dynamic dimension after the batch is the history
        // length (or whatever the data's size implies); the batch is 1.
        int[] shape = meta.Dimensions.ToArray();
        shape[0] = 1;
        int known = shape.Where(d => d > 0).Aggregate(1, (a, d) => a * d);
        for (int i = 1; i < shape.Length; i++)
        {
            if (shape[i] <= 0)
                shape[i] = data.Length / known;
        }
        // A row fills only its own task's candidate fields (an L2R row has no talent tags): the rest
        // is 0, the padding index every embedding table keeps.
        int size = shape.Aggregate(1, (a, d) => a * d);
        if (data.Length < size)
        {
            var padded = Array.CreateInstance(data.GetType().GetElementType()!, size);
            Array.Copy(data, padded, data.Length);
            data = padded;
        }
        inputs.Add(data is float[] floats
            ? NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(floats, shape))
            : NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>((long[])data, shape)));
        described.Append($" {name}[{string.Join(",", shape)}]");
    }
    Console.WriteLine($"{file} inputs:{described}");
    var outputs = new Dictionary<string, float[]>();
    using var results = session.Run(inputs);
    foreach (var result in results)
    {
        var tensor = result.AsTensor<float>();
        float[] flat = tensor.ToArray();
        outputs[result.Name] = flat;
        string head = string.Join(", ", flat.Take(4).Select(v => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)));
        Console.WriteLine($"  {result.Name}[{string.Join(",", tensor.Dimensions.ToArray())}] = [{head}{(flat.Length > 4 ? ", ..." : "")}]");
    }
    return outputs;
}
