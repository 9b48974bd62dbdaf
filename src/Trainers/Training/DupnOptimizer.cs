namespace Dupn.MLNet.Trainers.Training;

/// <summary>The optimiser of the trainer.</summary>
public enum DupnOptimizer
{
    /// <summary>AdaGrad, the paper's optimiser (learning rate 1e-3 there) and the default (at 1e-2, measured).</summary>
    AdaGrad,
    /// <summary>Adam.</summary>
    Adam,
}
