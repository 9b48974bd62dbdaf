namespace Dupn.MLNet.Trainers.Transfer;

/// <summary>
/// How FT (<see cref="DupnTransfer.FineTune"/>) adapts a pre-trained network to a new task: a linear probe of
/// the new head first, then every weight fine-tuned, keeping the epoch that does best on a validation
/// split of the training users (LP-FT: Kumar et al., "Fine-Tuning can Distort Pretrained Features and
/// Underperform Out-of-Distribution", ICLR 2022). The defaults were measured on generated data
/// (EXPERIMENTS.md, transfer section).
/// </summary>
public sealed class DupnFineTuningOptions
{
    /// <summary>
    /// The learning rate FT's and RS's fine-tuning stage is measured at (AdaGrad, 0.001: a tenth of the
    /// pre-training rate). Faster, the fresh head's deep path (on rep) overfits a few thousand rows within an
    /// epoch (demo data: 0.786 at 0.01 against 0.810 at 0.001). The trainer options passed to FT set it.
    /// </summary>
    public const double RecommendedLearningRate = 1e-3;

    /// <summary>
    /// Behaviours read per history (default 100, what the store-preference baseline and the RT columns read).
    /// The LSTM and the gate work per step, so a network pre-trained at a shorter N reads longer histories as they are.
    /// </summary>
    public int HistoryLength { get; set; } = 100;

    /// <summary>
    /// Whether the new head also reads how the history meets the candidate shop
    /// (<see cref="DupnArchitecture.ShopPrefReadsHistoryMatches"/>). Default true.
    /// </summary>
    public bool ReadHistoryMatches { get; set; } = true;

    /// <summary>
    /// Epochs of the linear probe: only the head's wide path (the history matches -> logit) learns, every
    /// pre-trained weight frozen (default 3; 0 skips the probe). It needs <see cref="ReadHistoryMatches"/>.
    /// </summary>
    public int ProbeEpochs { get; set; } = 3;

    /// <summary>The probe's AdaGrad learning rate (default 0.1: a logistic regression on four columns converges in a few epochs).</summary>
    public double ProbeLearningRate { get; set; } = 0.1;

    /// <summary>
    /// The share of training users held out to choose the epoch (default 0.1): after the probe and after each
    /// fine-tuning epoch the network is scored on their rows, and the best (by AUC) is kept. 0 keeps the last epoch.
    /// </summary>
    public double ValidationFraction { get; set; } = 0.1;

    internal void Validate()
    {
        if (HistoryLength < 1)
            throw new ArgumentOutOfRangeException(nameof(HistoryLength), HistoryLength, "The history length must be at least 1.");
        if (ProbeEpochs < 0)
            throw new ArgumentOutOfRangeException(nameof(ProbeEpochs), ProbeEpochs, "Probe epochs cannot be negative.");
        if (ProbeEpochs > 0 && !ReadHistoryMatches)
            throw new ArgumentException("The probe trains the head's wide path on the history matches; set ReadHistoryMatches or ProbeEpochs = 0.");
        if (!(ProbeLearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(ProbeLearningRate), ProbeLearningRate, "The probe's learning rate must be positive.");
        if (ValidationFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in [0, 1).");
    }
}
