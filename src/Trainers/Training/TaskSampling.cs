namespace Dupn.MLNet.Trainers.Training;

/// <summary>How the multi-task trainer picks the task of the next mini-batch.</summary>
public enum TaskSampling
{
    /// <summary>At random, proportional to the batches each task has left in the epoch (so to task size); every batch is used once per epoch.</summary>
    Proportional,
    /// <summary>Task after task in turn, skipping tasks whose batches for the epoch are used up.</summary>
    RoundRobin,
}
