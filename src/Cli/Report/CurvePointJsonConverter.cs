using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Writes a <see cref="CurvePoint"/> as a compact pair <c>[step, value]</c>: curves have hundreds
/// of points, and pairs keep the saved report data short and easy to read.
/// </summary>
public sealed class CurvePointJsonConverter : JsonConverter<CurvePoint>
{
    public override CurvePoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var pair = JsonSerializer.Deserialize<double[]>(ref reader, options);
        if (pair is null || pair.Length != 2)
        {
            throw new JsonException($"A curve point must be [step, value]; got {(pair is null ? "null" : $"{pair.Length} numbers")}.");
        }

        if (pair[0] != Math.Floor(pair[0]) || double.IsInfinity(pair[0]))
        {
            throw new JsonException($"A curve point's step must be a whole number; got {pair[0]}.");
        }

        return new CurvePoint((long)pair[0], pair[1]);
    }

    public override void Write(Utf8JsonWriter writer, CurvePoint value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Step);
        JsonSerializer.Serialize(writer, value.Value, options);
        writer.WriteEndArray();
    }
}
