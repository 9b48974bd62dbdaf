using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using TorchSharp;
using static TorchSharp.torch;
using Dupn.MLNet.Trainers.Runtime;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>The training loss of a head's output on a batch, by the head's objective.</summary>
internal static class TaskLoss
{
    /// <summary>
    /// Binary: mean log loss of the logit. WeightedRanking (L2R): sum_i n_i log(1 + exp(-y_i s_i))
    /// / sum_i n_i with y in {-1, +1}, which is the weighted log loss of sigmoid(s). MultiClass:
    /// cross-entropy against <paramref name="classTargets"/>. Regression: mean squared error.
    /// </summary>
    public static Tensor Compute(HeadObjective objective, Tensor output, DupnBatch batch, Tensor? classTargets, Tensor? sampleWeights)
    {
        var label = batch.Label.to_type(output.dtype);
        switch (objective)
        {
            case HeadObjective.Binary:
                return nn.functional.binary_cross_entropy_with_logits(output, label);
            case HeadObjective.WeightedRanking:
            {
                var weights = (sampleWeights ?? ones_like(label)).to_type(output.dtype);
                var perRow = nn.functional.binary_cross_entropy_with_logits(output, label, reduction: nn.Reduction.None);
                return (weights * perRow).sum() / KeptScalars.ClampMin(weights.sum(), 1e-12);
            }
            case HeadObjective.MultiClass:
                return nn.functional.cross_entropy(output, classTargets ?? throw new ArgumentNullException(nameof(classTargets)));
            case HeadObjective.Regression:
                return nn.functional.mse_loss(output, label);
            default:
                throw new ArgumentOutOfRangeException(nameof(objective), objective, "Unknown head objective.");
        }
    }
}
