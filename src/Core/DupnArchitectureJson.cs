using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dupn.MLNet;

/// <summary>The architecture as JSON: stored in model folders, checkpoints and ONNX metadata.</summary>
public static class DupnArchitectureJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(DupnArchitecture architecture) => JsonSerializer.Serialize(architecture, Options);

    public static DupnArchitecture Deserialize(string json)
    {
        var architecture = JsonSerializer.Deserialize<DupnArchitecture>(json, Options)
            ?? throw new InvalidDataException("The architecture JSON is empty.");
        architecture.Validate();
        return architecture;
    }
}
