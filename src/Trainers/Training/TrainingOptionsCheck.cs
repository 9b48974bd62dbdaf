namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// Checks <see cref="DupnUserEmbeddingTrainingOptions"/> when the estimator is made, so a wrong
/// option fails at once, named, and not after minutes of training.
/// </summary>
internal static class TrainingOptionsCheck
{
    private const string Name = nameof(DupnUserEmbeddingTrainingOptions);

    public static void Validate(DupnUserEmbeddingTrainingOptions o)
    {
        int sources = (o.DatasetFolder is null ? 0 : 1) + (o.TaskRows is null ? 0 : 1) + (o.TaskDataViews is null ? 0 : 1);
        if (sources != 1)
            throw new ArgumentException(sources == 0
                ? $"{Name} has no training data: set DatasetFolder (a dataset folder), TaskRows (featurised rows per task) or TaskDataViews (featurised views per task), the last two with Featurizer."
                : $"{Name} sets {string.Join(" and ", new[] { o.DatasetFolder is null ? null : "DatasetFolder", o.TaskRows is null ? null : "TaskRows", o.TaskDataViews is null ? null : "TaskDataViews" }.OfType<string>())}: set exactly one of them.", "options");
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
        if (o.TaskDataViews is { } views)
        {
            if (o.Featurizer is null)
                throw new ArgumentException($"{Name}.Featurizer is required with TaskDataViews: the featuriser that featurised the views sizes the network's embedding tables.", "options");
            if (views.Count == 0)
                throw new ArgumentException($"{Name}.TaskDataViews holds no task.", "options");
            foreach (var view in views)
            {
                if (view is null || string.IsNullOrWhiteSpace(view.Task) || view.Train is null)
                    throw new ArgumentException($"{Name}.TaskDataViews: every entry needs a task name and a training view.", "options");
            }
            var repeated = views.GroupBy(v => v.Task, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
                throw new ArgumentException($"{Name}.TaskDataViews lists task '{repeated.Key}' twice.", "options");
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
