using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.IO;

namespace Dupn.MLNet.Trainers;

/// <summary>
/// A trained DUPN model as it lives on disk: a folder with <c>model.json</c> (format and library
/// version, the architecture, what the model has seen, SHA-256 of the other files),
/// <c>weights.bin</c> (the state dict, self-checking) and <c>featurizer.json</c> (the vocabularies).
/// Saving is atomic: the folder is written beside the target and renamed into place, so a process
/// killed while saving leaves the previous model intact. Loading verifies every checksum.
/// </summary>
public sealed class DupnModel
{
    /// <summary>The model-folder format this library writes.</summary>
    public const int CurrentFormatVersion = 1;

    private const string ManifestFile = "model.json";
    private const string WeightsFile = "weights.bin";
    private const string FeaturizerFile = "featurizer.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Per-level PPP precision is NaN for a level never predicted; keep it rather than fail.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public DupnModel(DupnArchitecture architecture, BehaviorFeaturizer featurizer, StateDict weights, DupnModelInfo? info = null)
    {
        architecture.Validate();
        Architecture = architecture;
        Featurizer = featurizer;
        Weights = weights;
        Info = info ?? new DupnModelInfo();
    }

    /// <summary>The version of this library (informational version without the commit).</summary>
    public static string LibraryVersion { get; } =
        typeof(DupnModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public DupnArchitecture Architecture { get; }

    public BehaviorFeaturizer Featurizer { get; }

    public StateDict Weights { get; }

    public DupnModelInfo Info { get; }

    /// <summary>The network as ONNX (user, items or full graph), ready for ONNX Runtime or ML.NET.</summary>
    public byte[] ExportOnnx(DupnGraphKind graph) => DupnOnnxExporter.ExportBytes(Architecture, Weights, graph);

    /// <summary>
    /// Writes the model folder atomically: into a temporary folder beside it, then renamed into
    /// place (<see cref="AtomicFolder"/>). A process killed at any moment leaves the previous model
    /// or this one, never a mix.
    /// </summary>
    public void Save(string folder)
    {
        string target = Path.GetFullPath(folder);
        string temp = AtomicFolder.NewTemporary(target);
        try
        {
            StateDictFile.Save(Weights, Path.Combine(temp, WeightsFile));
            Featurizer.Save(Path.Combine(temp, FeaturizerFile));
            var manifest = new Manifest
            {
                Format = "dupn-model",
                Info = Info,
                Architecture = JsonDocument.Parse(DupnArchitectureJson.Serialize(Architecture)).RootElement,
                Sha256 = new Dictionary<string, string>
                {
                    [WeightsFile] = Hash(Path.Combine(temp, WeightsFile)),
                    [FeaturizerFile] = Hash(Path.Combine(temp, FeaturizerFile)),
                },
            };
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, Json));
            AtomicFolder.Replace(temp, target);
        }
        finally
        {
            if (Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Reads a model folder; a damaged, truncated or newer-format model is refused with a clear error.</summary>
    /// <remarks>When a save over <paramref name="folder"/> was killed between its two renames, the previous model it had renamed aside is read.</remarks>
    public static DupnModel Load(string folder)
    {
        folder = AtomicFolder.Resolve(Path.GetFullPath(folder));
        string manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
            throw new FileNotFoundException($"'{folder}' is not a Dupn.MLNet model folder: it has no {ManifestFile}.", manifestPath);
        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath), Json)
                ?? throw new InvalidDataException($"{manifestPath} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{manifestPath} is damaged (invalid JSON: {e.Message}).", e);
        }
        if (manifest.Format != "dupn-model")
            throw new InvalidDataException($"{manifestPath} is not a Dupn.MLNet model manifest (format '{manifest.Format}').");
        if (manifest.Info.FormatVersion > CurrentFormatVersion)
            throw new InvalidDataException(
                $"{folder} was written in model format {manifest.Info.FormatVersion} by Dupn.MLNet {manifest.Info.LibraryVersion}; this is Dupn.MLNet {LibraryVersion}, which reads format {CurrentFormatVersion} or older. Update Dupn.MLNet.");

        foreach (var (file, expected) in manifest.Sha256)
        {
            string path = Path.Combine(folder, file);
            if (!File.Exists(path))
                throw new FileNotFoundException($"The model folder {folder} lacks {file}.", path);
            if (!string.Equals(Hash(path), expected, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{path} is damaged: its SHA-256 does not match {ManifestFile}. Restore the model from a good copy or retrain.");
        }

        var architecture = DupnArchitectureJson.Deserialize(manifest.Architecture.GetRawText());
        var weights = StateDictFile.Load(Path.Combine(folder, WeightsFile));
        var featurizer = BehaviorFeaturizer.Load(Path.Combine(folder, FeaturizerFile));
        return new DupnModel(architecture, featurizer, weights, manifest.Info);
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    private sealed class Manifest
    {
        public string Format { get; set; } = "";
        public DupnModelInfo Info { get; set; } = new();
        public JsonElement Architecture { get; set; }
        public Dictionary<string, string> Sha256 { get; set; } = [];
    }
}
