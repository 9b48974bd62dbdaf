using System.Text.Json;
using Dupn.MLNet.Trainers.Modules;
using TorchSharp.Modules;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// Checkpoints in a folder, each written whole into a temporary folder and then renamed into
/// place, and a <c>latest</c> pointer replaced by rename after that: a crash at any moment leaves
/// the previous checkpoint readable. A checkpoint holds the weights (<c>model.bin</c>), the
/// optimiser state (<c>optimizer.bin</c>), the trainer's position (<c>state.json</c>) and the
/// architecture the weights belong to (<c>architecture.json</c>).
/// </summary>
internal sealed class CheckpointStore
{
    private const string LatestFile = "latest";
    private const string ArchitectureFile = "architecture.json";
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
    private readonly string _directory;

    public CheckpointStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public void Save(DupnNetwork network, OptimizerHelper optimizer, TrainerState state)
    {
        RemoveInterruptedSaves();
        string temp = Path.Combine(_directory, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        network.save(Path.Combine(temp, "model.bin"));
        optimizer.save_state_dict(Path.Combine(temp, "optimizer.bin"));
        File.WriteAllText(Path.Combine(temp, "state.json"), JsonSerializer.Serialize(state, Json));
        File.WriteAllText(Path.Combine(temp, ArchitectureFile), DupnArchitectureJson.Serialize(network.Architecture));

        string name = $"checkpoint-{state.GlobalStep:D10}-e{state.Epoch}s{state.StepInEpoch}";
        string final = Path.Combine(_directory, name);
        if (Directory.Exists(final))
            Directory.Delete(final, recursive: true);
        Directory.Move(temp, final);

        string pointer = Path.Combine(_directory, LatestFile + ".tmp");
        File.WriteAllText(pointer, name);
        File.Move(pointer, Path.Combine(_directory, LatestFile), overwrite: true);

        foreach (var old in Directory.EnumerateDirectories(_directory, "checkpoint-*"))
            if (!string.Equals(Path.GetFileName(old), name, StringComparison.Ordinal))
                Directory.Delete(old, recursive: true);
    }

    // libtorch's own message for a mismatch ("Mismatched tensor shape while loading") names neither
    // the tensor nor the setting; a resume with other options (another variant, a head flag) should
    // say which. Checkpoints written before the architecture was stored are loaded unchecked. The
    // saved JSON is read back through the architecture type first, so a setting added since the
    // checkpoint was written takes its default (what the older version built) instead of counting as
    // a difference, and a setting this version does not know is one.
    private static void RequireSameArchitecture(string folder, DupnArchitecture current)
    {
        string file = Path.Combine(folder, ArchitectureFile);
        if (!File.Exists(file))
            return;
        string savedJson = File.ReadAllText(file);
        using var written = JsonDocument.Parse(savedJson);
        using var saved = JsonDocument.Parse(DupnArchitectureJson.Serialize(DupnArchitectureJson.Deserialize(savedJson)));
        using var now = JsonDocument.Parse(DupnArchitectureJson.Serialize(current));
        var savedProperties = saved.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
        var known = now.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        // Both sides went through the same serializer, so every setting is present on both.
        var differences = now.RootElement.EnumerateObject()
            .Where(p => savedProperties[p.Name] != p.Value.GetRawText())
            .Select(p => $"{p.Name} {savedProperties[p.Name]} -> {p.Value.GetRawText()}")
            .Concat(written.RootElement.EnumerateObject()
                .Where(p => !known.Contains(p.Name))
                .Select(p => $"{p.Name} {p.Value.GetRawText()} -> (unknown to this version)"))
            .ToList();
        if (differences.Count > 0)
            throw new InvalidOperationException(
                $"The checkpoint in {folder} belongs to another architecture ({string.Join("; ", differences)}); resume with the options it was trained with.");
    }

    // A save killed before its rename leaves a temporary folder behind. It never became the latest
    // checkpoint, so nothing refers to it; without this, every kill would leave one more.
    private void RemoveInterruptedSaves()
    {
        foreach (var temp in Directory.EnumerateDirectories(_directory, ".tmp-*"))
            Directory.Delete(temp, recursive: true);
    }

    /// <summary>Loads the latest checkpoint into <paramref name="network"/> and <paramref name="optimizer"/>; false when there is none.</summary>
    public bool TryLoad(DupnNetwork network, OptimizerHelper optimizer, out TrainerState state)
    {
        state = new TrainerState();
        string pointer = Path.Combine(_directory, LatestFile);
        if (!File.Exists(pointer))
            return false;
        string folder = Path.Combine(_directory, File.ReadAllText(pointer).Trim());
        if (!Directory.Exists(folder))
            throw new InvalidDataException($"The checkpoint pointer {pointer} names '{folder}', which does not exist.");
        RequireSameArchitecture(folder, network.Architecture);
        network.load(Path.Combine(folder, "model.bin"));
        optimizer.load_state_dict(Path.Combine(folder, "optimizer.bin"));
        state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(Path.Combine(folder, "state.json")), Json)
            ?? throw new InvalidDataException($"The checkpoint state {Path.Combine(folder, "state.json")} is empty.");
        return true;
    }
}
