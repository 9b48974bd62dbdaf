namespace Dupn.MLNet.Trainers.Training;

/// <summary>Where a run is, as saved in a checkpoint beside the weights and the optimiser state.</summary>
internal sealed class TrainerState
{
    /// <summary>Epoch in progress (0-based).</summary>
    public int Epoch { get; set; }
    /// <summary>Steps of that epoch already taken.</summary>
    public int StepInEpoch { get; set; }
    public long GlobalStep { get; set; }
    public List<DupnEpochReport> History { get; set; } = [];
    public double? BestMetric { get; set; }
    public int EpochsWithoutImprovement { get; set; }
    /// <summary>Early stopping ended the run: resuming it trains no further.</summary>
    public bool StoppedEarly { get; set; }
    /// <summary>Training rows per task: a resume on different data is refused.</summary>
    public Dictionary<string, int> TaskRows { get; set; } = [];
    /// <summary>Passes per epoch of the repeated tasks (<see cref="DupnTrainerOptions.TaskRepeats"/>): they shape the epoch's plan, so a resume with others is refused.</summary>
    public Dictionary<string, int> TaskRepeats { get; set; } = [];
    /// <summary>
    /// Each task's learning rate (<see cref="DupnTrainerOptions.LearningRate"/> times its factor): a resume
    /// with others is allowed (lowering the rate after a diverged run is what the divergence error asks
    /// for) but logged, since it cannot reach an uninterrupted run's weights. Empty in older checkpoints.
    /// </summary>
    public Dictionary<string, double> LearningRates { get; set; } = [];
    public Dictionary<string, double> LossSums { get; set; } = [];
    public Dictionary<string, int> LossCounts { get; set; } = [];
}
