namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// A dataset folder (docs/dataset-format.md): behaviors.csv, optional users.csv, and any of the task
/// files, each either as CSV or as Parquet with the same base name (behaviors.parquet, ...). Files are
/// streamed each time they are enumerated; only users is held (it is small).
/// </summary>
/// <remarks>
/// Each file may be CSV or Parquet independently (behaviors.parquet beside users.csv is fine). A folder
/// holding both copies of one file (behaviors.csv and behaviors.parquet) is refused when it is opened:
/// the reader never picks one copy silently, since the two may differ. Which files exist is decided
/// when the folder is opened.
/// </remarks>
public sealed class Dataset
{
    private readonly Dictionary<string, string> _files;
    private UserProfiles? _users;

    private Dataset(string folder, DatasetReadOptions options, DatasetReadReport report, Dictionary<string, string> files)
    {
        Folder = folder;
        Options = options;
        Report = report;
        _files = files;
    }

    /// <summary>Opens a dataset folder; it must hold behaviors.csv or behaviors.parquet (not both).</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="options">Bad-row handling (default: throw on the first bad row).</param>
    /// <exception cref="InvalidDataException">A file is there both as CSV and as Parquet.</exception>
    public static Dataset Open(string folder, DatasetReadOptions? options = null)
    {
        options?.Validate();
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Dataset folder not found: {folder}");
        string full = Path.GetFullPath(folder);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in DatasetFileNames())
        {
            string csv = Path.Combine(full, name);
            string parquet = Path.Combine(full, DatasetSchema.InFormat(name, DatasetFileFormat.Parquet));
            bool hasCsv = File.Exists(csv), hasParquet = File.Exists(parquet);
            if (hasCsv && hasParquet)
                throw new InvalidDataException(
                    $"{full} holds both {name} and {Path.GetFileName(parquet)}; a dataset folder must hold one copy of each file. Remove or move one of them.");
            if (hasCsv || hasParquet)
                files[name] = hasCsv ? csv : parquet;
        }
        if (!files.ContainsKey(DatasetSchema.BehaviorsFile))
        {
            string behaviors = Path.Combine(folder, DatasetSchema.BehaviorsFile);
            throw new FileNotFoundException(
                $"A dataset folder needs {DatasetSchema.BehaviorsFile} (or {DatasetSchema.InFormat(DatasetSchema.BehaviorsFile, DatasetFileFormat.Parquet)}); {folder} has none.", behaviors);
        }
        return new Dataset(full, options ?? new DatasetReadOptions(), new DatasetReadReport(), files);
    }

    /// <summary>The CSV names of every file a dataset folder may hold.</summary>
    private static IEnumerable<string> DatasetFileNames()
    {
        yield return DatasetSchema.BehaviorsFile;
        yield return DatasetSchema.UsersFile;
        foreach (var task in DupnTaskNames.All)
        {
            yield return DatasetSchema.FileName(task, DatasetSplit.Train);
            yield return DatasetSchema.FileName(task, DatasetSplit.Test);
        }
    }

    public string Folder { get; }
    public DatasetReadOptions Options { get; }

    /// <summary>Bad rows skipped so far, per file (only with <see cref="DatasetReadOptions.SkipBadRows"/>).</summary>
    public DatasetReadReport Report { get; }

    /// <summary>The behaviours file: behaviors.csv or behaviors.parquet.</summary>
    public string BehaviorsPath => _files[DatasetSchema.BehaviorsFile];

    /// <summary>The format of the behaviours file.</summary>
    public DatasetFileFormat BehaviorsFormat => DatasetSchema.FormatOf(BehaviorsPath);

    /// <summary>The path of a task file: the CSV or Parquet copy the folder holds, else the CSV path (which does not exist).</summary>
    public string TaskPath(DupnTask task, DatasetSplit split)
    {
        string name = DatasetSchema.FileName(task, split);
        return _files.TryGetValue(name, out string? path) ? path : Path.Combine(Folder, name);
    }

    /// <summary>Whether the task file exists (as CSV or Parquet).</summary>
    public bool HasTask(DupnTask task, DatasetSplit split) => _files.ContainsKey(DatasetSchema.FileName(task, split));

    /// <summary>The tasks that have at least a train or a test file.</summary>
    public IReadOnlyList<DupnTask> Tasks =>
        DupnTaskNames.All.Where(t => HasTask(t, DatasetSplit.Train) || HasTask(t, DatasetSplit.Test)).ToArray();

    /// <summary>Streams the behaviours (CSV or Parquet).</summary>
    public IEnumerable<Behavior> Behaviors() => DatasetReader.ReadBehaviors(BehaviorsPath, Options, Report);

    /// <summary>Streams a task file (throws <see cref="FileNotFoundException"/> when absent).</summary>
    public IEnumerable<TaskRow> TaskRows(DupnTask task, DatasetSplit split) =>
        DatasetReader.ReadTask(TaskPath(task, split), task, Options, Report);

    /// <summary>The path of the users file, or null when the folder has none.</summary>
    public string? UsersPath => _files.TryGetValue(DatasetSchema.UsersFile, out string? path) ? path : null;

    /// <summary>users.csv or users.parquet, read once; <see cref="UserProfiles.Empty"/> when the folder has none.</summary>
    public UserProfiles Users
    {
        get
        {
            if (_users == null)
            {
                string? path = UsersPath;
                _users = path != null && File.Exists(path) ? DatasetReader.ReadUsers(path, Options, Report) : UserProfiles.Empty;
            }
            return _users;
        }
    }
}
