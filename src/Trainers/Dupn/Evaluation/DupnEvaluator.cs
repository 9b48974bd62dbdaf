using Dupn.MLNet.Featurization;
using Dupn.MLNet.Trainers.Dupn.Batching;
using Dupn.MLNet.Trainers.Dupn.Heads;
using Dupn.MLNet.Trainers.Dupn.Network;
using Dupn.MLNet.Trainers.Dupn.Training;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Dupn.Evaluation;

/// <summary>Held-out metrics of a network's heads (inference mode: no dropout, running batch-norm statistics).</summary>
public static class DupnEvaluator
{
    /// <summary>The metrics of <paramref name="task"/> on <paramref name="rows"/>.</summary>
    public static TaskMetrics Evaluate(DupnNetwork network, string task, IReadOnlyList<FeaturizedRow> rows, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(rows);
        var head = network.Head(task);
        var device = network.parameters().First().device;
        var collator = new DupnCollator(network.Architecture, ScalarType.Float32, device);
        var label = TaskTargets.LabelOf(network, task);
        bool wasTraining = network.training;
        network.eval();
        var scores = new List<double>();
        var probabilities = new List<double[]>();
        var labels = new List<float>();
        var classes = new List<int>();
        try
        {
            using var noGrad = no_grad();
            foreach (var chunk in rows.Chunk(batchSize))
            {
                using var scope = NewDisposeScope();
                using var batch = collator.Collate(chunk, label);
                var output = network.TaskOutput(task, network.call(batch).Rep, batch).to_type(ScalarType.Float64).cpu();
                if (head.Objective == HeadObjective.MultiClass)
                {
                    var targets = TaskTargets.ClassTargets(network, task, batch).cpu().data<long>().ToArray();
                    var p = output.softmax(-1);
                    var values = p.data<double>().ToArray();
                    int k = head.Outputs;
                    for (int r = 0; r < chunk.Length; r++)
                        probabilities.Add(values.AsSpan(r * k, k).ToArray());
                    classes.AddRange(targets.Select(t => (int)t));
                }
                else
                {
                    scores.AddRange(output.data<double>().ToArray());
                    labels.AddRange(batch.Label.cpu().data<float>().ToArray());
                }
            }
        }
        finally
        {
            network.train(wasTraining);
        }

        return head.Objective switch
        {
            HeadObjective.Binary or HeadObjective.WeightedRanking => new TaskMetrics(task, rows.Count)
            {
                Auc = BinaryMetrics.Auc(scores, labels),
                LogLoss = BinaryMetrics.LogLoss(scores.Select(s => 1 / (1 + Math.Exp(-s))).ToList(), labels),
            },
            HeadObjective.MultiClass => FromMultiClass(task, rows.Count, MultiClassMetrics.Compute(probabilities, classes, head.Outputs)),
            _ => new TaskMetrics(task, rows.Count)
            {
                Rmse = Math.Sqrt(scores.Zip(labels, (s, l) => (s - l) * (s - l)).DefaultIfEmpty(double.NaN).Average()),
            },
        };
    }

    private static TaskMetrics FromMultiClass(string task, int rows, MultiClassMetrics m) => new(task, rows)
    {
        Accuracy = m.Accuracy,
        Precision = m.Precision,
        Recall = m.Recall,
        LogLoss = m.LogLoss,
    };
}
