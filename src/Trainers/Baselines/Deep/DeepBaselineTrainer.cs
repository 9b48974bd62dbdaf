using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Baselines.Deep;

/// <summary>
/// The training loop every deep baseline shares: build the network for the rows' vocabularies,
/// then Adam over shuffled mini-batches for a fixed number of epochs (log loss for binary tasks,
/// cross-entropy over the levels for PPP), then predict the test rows. Seeded throughout, so the
/// same options and rows give the same predictions on the CPU.
/// </summary>
internal static class DeepBaselineTrainer
{
    /// <param name="options">Shared training options (validated here).</param>
    /// <param name="task">The task of the rows.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="test">Rows to predict.</param>
    /// <param name="build">Builds the network for the inferred architecture (called after seeding).</param>
    /// <param name="wideSlots">The hashed wide features of a row, for models with a wide part.</param>
    public static BaselinePredictions FitPredict(DeepBaselineOptions options, DupnTask task,
        IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test,
        Func<DupnArchitecture, BaselineNetwork> build, Func<FeaturizedRow, int[]>? wideSlots = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        options.Validate();
        var architecture = BaselineArchitecture.Infer(options.Embeddings, task, train, test);

        TorchRuntime.SetThreads(options.Threads);
        TorchRuntime.Seed(options.Seed);
        using var network = build(architecture);
        var collator = new DupnCollator(architecture);
        int[][]? trainSlots = wideSlots is null ? null : train.Select(wideSlots).ToArray();

        using var optimizer = optim.Adam(network.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        long step = 0;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            int[] order = Shuffled(train.Count, new Random(unchecked(options.Seed * 7919 + epoch)));
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                var indices = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray();
                Step(network, optimizer, collator, task, indices.Select(i => train[i]).ToArray(),
                    trainSlots is null ? null : indices.Select(i => trainSlots[i]).ToArray(), options.Seed, step);
                step++;
            }
        }
        return Predict(network, collator, task, test, wideSlots, options.PredictionBatchSize);
    }

    private static void Step(BaselineNetwork network, OptimizerHelper optimizer, DupnCollator collator, DupnTask task,
        FeaturizedRow[] rows, int[][]? slots, int seed, long step)
    {
        using var scope = NewDisposeScope();
        // Dropout draws from libtorch's global generator: one seed per step keeps runs identical.
        TorchRuntime.Seed(unchecked(seed * 1_000_003L + step));
        network.train();
        optimizer.zero_grad();
        using var batch = Collate(collator, rows, slots);
        var logits = network.call(batch);
        var loss = task == DupnTask.Ppp
            ? nn.functional.cross_entropy(logits, KeptScalars.Subtract(batch.Inputs.Level, 1L))
            : nn.functional.binary_cross_entropy_with_logits(logits, batch.Inputs.Label);
        loss.backward();
        optimizer.step();
        float value = loss.item<float>();
        if (!float.IsFinite(value))
            throw new InvalidOperationException($"The {network.GetName()} {task} loss became {value} at step {step}; lower the learning rate or check the rows.");
    }

    private static BaselinePredictions Predict(BaselineNetwork network, DupnCollator collator, DupnTask task,
        IReadOnlyList<FeaturizedRow> rows, Func<FeaturizedRow, int[]>? wideSlots, int batchSize)
    {
        network.eval();
        var binary = new List<float>(rows.Count);
        var levels = new List<float[]>(rows.Count);
        using var noGrad = no_grad();
        for (int start = 0; start < rows.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var chunk = rows.Skip(start).Take(batchSize).ToArray();
            using var batch = Collate(collator, chunk, wideSlots is null ? null : chunk.Select(wideSlots).ToArray());
            var logits = network.call(batch);
            if (task == DupnTask.Ppp)
            {
                var probabilities = nn.functional.softmax(logits, -1).contiguous();
                float[] flat = probabilities.data<float>().ToArray();
                int k = (int)probabilities.shape[1];
                for (int r = 0; r < chunk.Length; r++)
                    levels.Add(flat.AsSpan(r * k, k).ToArray());
            }
            else
            {
                binary.AddRange(nn.functional.sigmoid(logits).contiguous().data<float>().ToArray());
            }
        }
        return task == DupnTask.Ppp ? BaselinePredictions.Multiclass(levels.ToArray()) : BaselinePredictions.Binary(binary.ToArray());
    }

    private static BaselineBatch Collate(DupnCollator collator, FeaturizedRow[] rows, int[][]? slots)
    {
        var inputs = collator.Collate(rows);
        if (slots is null)
            return new BaselineBatch { Inputs = inputs };
        var offsets = new long[slots.Length];
        long total = 0;
        for (int r = 0; r < slots.Length; r++)
        {
            offsets[r] = total;
            total += slots[r].Length;
        }
        var flat = slots.SelectMany(s => s).Select(s => (long)s).ToArray();
        return new BaselineBatch { Inputs = inputs, WideSlots = tensor(flat, [flat.Length]), WideOffsets = tensor(offsets, [offsets.Length]) };
    }

    private static int[] Shuffled(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }
}
