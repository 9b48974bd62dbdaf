namespace Dupn.MLNet.Trainers.Embedding;

/// <summary>
/// Checks <see cref="DupnUserEmbeddingTrainingOptions"/> when the estimator is made, so a wrong
/// option fails at once, named, and not after minutes of training.
/// </summary>
internal static class TrainingOptionsCheck
{
    private const string Name = nameof(DupnUserEmbeddingTrainingOptions);

    public static void Validate(DupnUserEmbeddingTrainingOptions o)
    {
        if (o.DatasetFolder is null == o.TaskRows is null)
            throw new ArgumentException(o.DatasetFolder is null
                ? $"{Name} has no training data: set DatasetFolder (a dataset folder) or TaskRows (featurised rows per task, with Featurizer)."
                : $"{Name} sets both DatasetFolder and TaskRows: set exactly one of them.", "options");
        if (o.DatasetFolder is { } folder)
        {
            if (string.IsNullOrWhiteSpace(folder))
                throw new ArgumentException($"{Name}.DatasetFolder is empty.", "options");
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException($"{Name}.DatasetFolder: the folder '{folder}' does not exist.");
        }
        if (o.TaskRows is { } rows)
        {
            if (o.Featurizer is null)
                throw new ArgumentException($"{Name}.Featurizer is required with TaskRows: the featuriser that featurised the rows sizes the network's embedding tables.", "options");
            if (rows.Tasks.Count == 0)
                throw new ArgumentException($"{Name}.TaskRows holds no task.", "options");
            foreach (var task in rows.Tasks)
                if (task.Train.Count == 0)
                    throw new ArgumentException($"{Name}.TaskRows: task '{task.Task}' has no training rows.", "options");
        }
        var training = o.Training ?? throw new ArgumentException($"{Name}.Training must not be null.", "options");
        var trainer = training.Trainer ?? throw new ArgumentException($"{Name}.Training.Trainer must not be null.", "options");
        var featurizer = training.Featurizer ?? throw new ArgumentException($"{Name}.Training.Featurizer must not be null.", "options");
        trainer.Validate();
        featurizer.Validate();
        var embedding = o.Embedding ?? throw new ArgumentException($"{Name}.Embedding must not be null.", "options");
        if (embedding.ModelPath is not null || embedding.ModelBytes is not null)
            throw new ArgumentException($"{Name}.Embedding.{(embedding.ModelPath is not null ? "ModelPath" : "ModelBytes")} must not be set: Fit trains the model and supplies its graph.", "options");
        if (embedding.HistoryLength is <= 0)
            throw new ArgumentException($"{Name}.Embedding.HistoryLength must be positive; it is {embedding.HistoryLength}.", "options");
        if (string.IsNullOrWhiteSpace(embedding.OutputColumnName))
            throw new ArgumentException($"{Name}.Embedding.OutputColumnName is empty.", "options");
        if (o.ModelFolder is { } model && string.IsNullOrWhiteSpace(model))
            throw new ArgumentException($"{Name}.ModelFolder is empty; leave it null to save no model folder.", "options");
    }
}
