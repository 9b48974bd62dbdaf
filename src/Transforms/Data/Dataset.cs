namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// A dataset folder (docs/dataset-format.md): behaviors.csv, optional users.csv, and any of the task
/// files. Files are streamed each time they are enumerated; only users.csv is held (it is small).
/// </summary>
public sealed class Dataset
{
    private UserProfiles? _users;

    private Dataset(string folder, DatasetReadOptions options, DatasetReadReport report)
    {
        Folder = folder;
        Options = options;
        Report = report;
    }

    /// <summary>Opens a dataset folder; it must hold behaviors.csv.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="options">Bad-row handling (default: throw on the first bad row).</param>
    public static Dataset Open(string folder, DatasetReadOptions? options = null)
    {
        options?.Validate();
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Dataset folder not found: {folder}");
        string behaviors = Path.Combine(folder, DatasetSchema.BehaviorsFile);
        if (!File.Exists(behaviors))
            throw new FileNotFoundException($"A dataset folder needs {DatasetSchema.BehaviorsFile}; {folder} has none.", behaviors);
        return new Dataset(Path.GetFullPath(folder), options ?? new DatasetReadOptions(), new DatasetReadReport());
    }

    public string Folder { get; }
    public DatasetReadOptions Options { get; }

    /// <summary>Bad rows skipped so far, per file (only with <see cref="DatasetReadOptions.SkipBadRows"/>).</summary>
    public DatasetReadReport Report { get; }

    public string BehaviorsPath => Path.Combine(Folder, DatasetSchema.BehaviorsFile);

    /// <summary>The path of a task file (it may not exist).</summary>
    public string TaskPath(DupnTask task, DatasetSplit split) => Path.Combine(Folder, DatasetSchema.FileName(task, split));

    /// <summary>Whether the task file exists.</summary>
    public bool HasTask(DupnTask task, DatasetSplit split) => File.Exists(TaskPath(task, split));

    /// <summary>The tasks that have at least a train or a test file.</summary>
    public IReadOnlyList<DupnTask> Tasks =>
        DupnTaskNames.All.Where(t => HasTask(t, DatasetSplit.Train) || HasTask(t, DatasetSplit.Test)).ToArray();

    /// <summary>Streams behaviors.csv.</summary>
    public IEnumerable<Behavior> Behaviors() => DatasetReader.ReadBehaviors(BehaviorsPath, Options, Report);

    /// <summary>Streams a task file (throws <see cref="FileNotFoundException"/> when absent).</summary>
    public IEnumerable<TaskRow> TaskRows(DupnTask task, DatasetSplit split) =>
        DatasetReader.ReadTask(TaskPath(task, split), task, Options, Report);

    /// <summary>users.csv, read once; <see cref="UserProfiles.Empty"/> when the folder has none.</summary>
    public UserProfiles Users
    {
        get
        {
            if (_users == null)
            {
                string path = Path.Combine(Folder, DatasetSchema.UsersFile);
                _users = File.Exists(path) ? DatasetReader.ReadUsers(path, Options, Report) : UserProfiles.Empty;
            }
            return _users;
        }
    }
}
