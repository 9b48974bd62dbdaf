namespace Dupn.MLNet.Trainers;

/// <summary>What a saved model records about itself beside its weights (model.json).</summary>
public sealed record DupnModelInfo
{
    /// <summary>Format of the model folder; a library refuses a newer one.</summary>
    public int FormatVersion { get; init; } = DupnModel.CurrentFormatVersion;

    /// <summary>The Dupn.MLNet version that wrote the model.</summary>
    public string LibraryVersion { get; init; } = DupnModel.LibraryVersion;

    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The data the model has been trained on, oldest first (incremental training appends).</summary>
    public IReadOnlyList<SeenData> SeenData { get; init; } = [];

    /// <summary>Held-out metrics after each epoch of the last training run (the report's training curves).</summary>
    public IReadOnlyList<DupnEpochMetrics> History { get; init; } = [];

    /// <summary>Free-form training facts (optimiser, epochs, seed, ...), for people reading model.json.</summary>
    public IReadOnlyDictionary<string, string> Training { get; init; } = new Dictionary<string, string>();
}

/// <summary>One dataset a model was trained on: where, which task rows and which period.</summary>
public sealed record SeenData(string Dataset, IReadOnlyList<string> Tasks, long TrainRows, long FirstTimestamp, long LastTimestamp);
