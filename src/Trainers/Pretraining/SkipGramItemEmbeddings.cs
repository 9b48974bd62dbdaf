using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Pretraining;

/// <summary>
/// Skip-gram with negative sampling over the item sequences of the training histories (DUPN-w2v,
/// docs/paper.md section 6): items that appear near each other in users' histories get similar
/// vectors. The result is a table shaped like <c>embeddings.item.weight</c> ([V+2, ItemDim], row 0
/// zero) that the w2v network loads and keeps frozen.
/// </summary>
public static class SkipGramItemEmbeddings
{
    /// <summary>Trains item vectors from the histories of <paramref name="rows"/> (each distinct user history once).</summary>
    /// <param name="rows">Rows whose <see cref="FeaturizedRow.HistoryItem"/> sequences are the corpus.</param>
    /// <param name="tableRows">Rows of the item table (vocabulary + 2).</param>
    /// <param name="dim">Item embedding size.</param>
    /// <param name="options">Window, negatives, epochs (defaults when null).</param>
    public static Tensor Train(IEnumerable<FeaturizedRow> rows, long tableRows, long dim, SkipGramOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new SkipGramOptions();
        options.Validate();

        // The corpus: distinct histories (several task rows may share one user's history).
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var centres = new List<long>();
        var contexts = new List<long>();
        var counts = new double[tableRows];
        foreach (var row in rows)
        {
            var items = row.HistoryItem;
            if (items.Length < 2 || !seen.Add(row.UserId + "\u0001" + string.Join(",", items)))
                continue;
            foreach (int item in items)
            {
                if (item < 0 || item >= tableRows)
                    throw new ArgumentException($"History item index {item} of user '{row.UserId}' is outside the item table of {tableRows} rows.");
                counts[item]++;
            }
            for (int i = 0; i < items.Length; i++)
                for (int j = Math.Max(0, i - options.Window); j <= Math.Min(items.Length - 1, i + options.Window); j++)
                    if (j != i)
                    {
                        centres.Add(items[i]);
                        contexts.Add(items[j]);
                    }
        }
        if (centres.Count == 0)
            throw new ArgumentException("No history has two or more behaviours: there is nothing to pre-train item embeddings on.");

        // Negatives from the unigram distribution to the power 0.75 (word2vec's choice).
        var cumulative = new double[tableRows];
        double total = 0;
        for (int i = 0; i < tableRows; i++)
        {
            total += i == 0 ? 0 : Math.Pow(counts[i], 0.75);
            cumulative[i] = total;
        }

        var random = new Random(unchecked((int)options.Seed));
        TorchRuntime.Seed(options.Seed);
        var input = nn.Embedding(tableRows, dim, padding_idx: 0);
        var output = nn.Embedding(tableRows, dim, padding_idx: 0);
        using (no_grad())
        {
            input.weight!.uniform_(-0.5 / dim, 0.5 / dim);
            input.weight[0].zero_();
            output.weight!.zero_();
        }
        var optimizer = optim.Adam(input.parameters().Concat(output.parameters()), lr: options.LearningRate);
        var order = Enumerable.Range(0, centres.Count).ToArray();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var chunk in order.Chunk(options.BatchSize))
            {
                using var scope = NewDisposeScope();
                var negatives = new long[chunk.Length * options.Negatives];
                for (int k = 0; k < negatives.Length; k++)
                {
                    int index = Array.BinarySearch(cumulative, random.NextDouble() * total);
                    negatives[k] = Math.Clamp(index < 0 ? ~index : index, 1, (int)tableRows - 1);
                }
                var centre = input.call(tensor(chunk.Select(i => centres[i]).ToArray()));                       // [B,d]
                var context = output.call(tensor(chunk.Select(i => contexts[i]).ToArray()));                    // [B,d]
                var negative = output.call(tensor(negatives, chunk.Length, options.Negatives));                // [B,k,d]
                var positiveScore = (centre * context).sum(-1);
                var negativeScore = (negative * centre.unsqueeze(1)).sum(-1);
                var loss = -(nn.functional.logsigmoid(positiveScore).mean() + nn.functional.logsigmoid(-negativeScore).sum(-1).mean());
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }
        var table = input.weight!.detach().clone();
        using (no_grad())
            table[0].zero_();
        input.Dispose();
        output.Dispose();
        return table;
    }
}
