using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Reads and writes a rectangular <c>T[,]</c> as a JSON array of rows (System.Text.Json has no
/// built-in support for multi-dimensional arrays). Ragged rows are an error naming the row.
/// </summary>
public sealed class Matrix2DJsonConverter<T> : JsonConverter<T[,]>
{
    public override T[,] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var rows = JsonSerializer.Deserialize<T[][]>(ref reader, options)
            ?? throw new JsonException("A matrix must be an array of rows, not null.");
        int columns = rows.Length == 0 ? 0 : rows[0].Length;
        var matrix = new T[rows.Length, columns];
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r] is null || rows[r].Length != columns)
            {
                throw new JsonException(
                    $"Matrix row {r} has {rows[r]?.Length ?? 0} values but row 0 has {columns}; rows must all have the same length.");
            }

            for (int c = 0; c < columns; c++)
            {
                matrix[r, c] = rows[r][c];
            }
        }

        return matrix;
    }

    public override void Write(Utf8JsonWriter writer, T[,] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (int r = 0; r < value.GetLength(0); r++)
        {
            writer.WriteStartArray();
            for (int c = 0; c < value.GetLength(1); c++)
            {
                // Through the serializer so the options' number handling (NaN literals) applies.
                JsonSerializer.Serialize(writer, value[r, c], options);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }
}
