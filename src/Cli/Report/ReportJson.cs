using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Saves and loads <see cref="ReportData"/> as indented JSON (camelCase names; NaN written as
/// "NaN" because empty cells and undefined precisions are NaN).
/// </summary>
public static class ReportJson
{
    /// <summary>The serializer options used for report data.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The data as JSON text.</summary>
    public static string Serialize(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return JsonSerializer.Serialize(data, Options);
    }

    /// <summary>Reads report data from JSON text.</summary>
    /// <exception cref="JsonException">The text is not report data; the message says where.</exception>
    public static ReportData Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<ReportData>(json, Options)
            ?? throw new JsonException("The report data JSON is 'null'.");
    }

    /// <summary>Writes the data to a JSON file (the folder must exist).</summary>
    public static void Save(ReportData data, string path) => File.WriteAllText(path, Serialize(data));

    /// <summary>Reads report data from a JSON file.</summary>
    /// <exception cref="JsonException">The file is not report data; the message names the file.</exception>
    public static ReportData Load(string path)
    {
        string json = File.ReadAllText(path);
        try
        {
            return Deserialize(json);
        }
        catch (JsonException e)
        {
            throw new JsonException($"'{path}' is not valid report data: {e.Message}", e);
        }
    }
}
