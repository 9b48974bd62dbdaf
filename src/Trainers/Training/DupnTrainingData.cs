using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>One task's rows: the training set and the held-out rows evaluated each epoch.</summary>
/// <param name="Task">Task name (<see cref="DupnTaskNames"/> or a custom head's name).</param>
/// <param name="Train">Training rows.</param>
/// <param name="Validation">Held-out rows (may be empty: no metrics for the task then).</param>
public sealed record DupnTaskData(string Task, IReadOnlyList<FeaturizedRow> Train, IReadOnlyList<FeaturizedRow> Validation);

/// <summary>
/// The task datasets of a multi-task run, kept separate as in the paper: each training step draws
/// a mini-batch from one of them. Tasks keep the order they were added in.
/// </summary>
public sealed class DupnTrainingData
{
    private readonly List<DupnTaskData> _tasks = [];

    /// <summary>Adds a built-in task's rows.</summary>
    public DupnTrainingData Add(DupnTask task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow>? validation = null) =>
        Add(DupnTaskNames.Of(task), train, validation);

    /// <summary>Adds the rows of the task (or custom head) named <paramref name="task"/>.</summary>
    public DupnTrainingData Add(string task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow>? validation = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(task);
        ArgumentNullException.ThrowIfNull(train);
        if (_tasks.Any(t => t.Task == task))
            throw new ArgumentException($"Task '{task}' was added twice.");
        _tasks.Add(new DupnTaskData(task, train, validation ?? []));
        return this;
    }

    /// <summary>The tasks in the order they were added.</summary>
    public IReadOnlyList<DupnTaskData> Tasks => _tasks;

    /// <summary>The data of <paramref name="task"/>; the error lists the tasks there are.</summary>
    public DupnTaskData this[string task] =>
        _tasks.FirstOrDefault(t => t.Task == task)
        ?? throw new ArgumentException($"No data for task '{task}'. Tasks: {string.Join(", ", _tasks.Select(t => t.Task))}.");
}
