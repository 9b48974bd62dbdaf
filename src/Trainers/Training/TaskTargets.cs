using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using static TorchSharp.torch;
using Dupn.MLNet.Trainers.Runtime;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>How a task's rows become labels: which label a custom head reads, and class indices for k-class heads.</summary>
internal static class TaskTargets
{
    /// <summary>The label selector of <paramref name="task"/> (null: the row's own Label).</summary>
    public static Func<FeaturizedRow, float>? LabelOf(DupnNetwork network, string task) => network.CustomHead(task)?.Label;

    /// <summary>0-based class targets of a k-class head: PPP levels 1..k become 0..k-1; custom heads use their label.</summary>
    public static Tensor ClassTargets(DupnNetwork network, string task, DupnBatch batch)
    {
        int classes = network.Head(task).Outputs;
        var targets = task == DupnTaskNames.Ppp ? KeptScalars.Subtract(batch.Level, 1L) : batch.Label.to_type(ScalarType.Int64);
        long min = targets.min().item<long>(), max = targets.max().item<long>();
        if (min < 0 || max >= classes)
            throw new ArgumentException(task == DupnTaskNames.Ppp
                ? $"PPP rows need Level in 1..{classes}; this batch has levels from {min + 1} to {max + 1}."
                : $"Rows of head '{task}' need class labels in 0..{classes - 1}; this batch has {min} to {max}.");
        return targets;
    }

    /// <summary>n_i of each row of an L2R batch.</summary>
    public static Tensor SampleWeights(L2rSampleWeights? weights, DupnBatch batch)
    {
        if (weights is null)
            return ones(batch.Size, device: batch.Label.device);
        var types = batch.BehaviorType.cpu().data<long>().ToArray();
        return tensor(types.Select(t => weights.WeightOf((int)t)).ToArray(), device: batch.Label.device);
    }
}
