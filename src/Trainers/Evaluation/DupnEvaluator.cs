using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Training;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>Held-out metrics of a network's heads (inference mode: no dropout, running batch-norm statistics).</summary>
public static class DupnEvaluator
{
    /// <summary>The metrics of <paramref name="task"/> on <paramref name="rows"/>.</summary>
    public static TaskMetrics Evaluate(DupnNetwork network, string task, IReadOnlyList<FeaturizedRow> rows, int batchSize = 1024) =>
        Predict(network, task, rows, batchSize).ToMetrics();

    /// <summary>
    /// <paramref name="task"/>'s head on each of <paramref name="rows"/>, in their order, with the labels
    /// it is scored against: what <see cref="Evaluate"/> summarises, kept row by row for a paired
    /// comparison (<see cref="PairedComparison"/>) or a file.
    /// </summary>
    public static DupnPredictions Predict(DupnNetwork network, string task, IReadOnlyList<FeaturizedRow> rows, int batchSize = 1024)
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

        return head.Objective == HeadObjective.MultiClass
            ? DupnPredictions.MultiClass(task, [.. probabilities], [.. classes], head.Outputs)
            : DupnPredictions.Scalar(task, head.Objective, [.. scores], [.. labels]);
    }
}
