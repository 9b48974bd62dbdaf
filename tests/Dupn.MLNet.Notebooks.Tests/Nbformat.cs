using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>The bits of the Jupyter notebook format (nbformat 4) that saving and checking outputs need.</summary>
public static class Nbformat
{
    public const string Png = "image/png";

    /// <summary>Cell metadata key under which a saved run records the source its outputs came from.</summary>
    public const string MetadataKey = "dupn";

    /// <summary>The SHA-256 (hex) of the cell source a saved run executed, inside <see cref="MetadataKey"/>.</summary>
    public const string SourceHashKey = "outputs_of_source_sha256";

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A multi-line string as nbformat stores it: lines, each but the last ending in "\n".</summary>
    public static JsonArray Lines(string text)
    {
        var array = new JsonArray();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            array.Add(text[start..end]);
            start = end;
        }
        return array;
    }

    /// <summary>A cell's `source` (or an output's `text`): a string or an array of strings, joined.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray array => string.Concat(array.Select(n => n!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    /// <summary>An output's mime bundle: images as one base64 string, JSON as JSON, other text as lines.</summary>
    public static JsonObject Data(IEnumerable<(string MimeType, string Value)> values)
    {
        var data = new JsonObject();
        foreach (var (mimeType, value) in values)
        {
            data[mimeType] = mimeType switch
            {
                "application/json" => JsonNode.Parse(value),
                _ when mimeType.StartsWith("image/", StringComparison.Ordinal) && mimeType != "image/svg+xml" => JsonValue.Create(value),
                _ => Lines(value),
            };
        }
        return data;
    }

    public static string SourceHash(string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source.ReplaceLineEndings("\n"))));

    public static bool IsPng(string base64) => PngSize(base64) is not null;

    /// <summary>Width and height from a base64 PNG's header, or null when it is not a PNG.</summary>
    public static (int Width, int Height)? PngSize(string base64)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64); }
        catch (FormatException) { return null; }
        // Signature, then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4).
        if (bytes.Length < 24 || !bytes.AsSpan(0, 8).SequenceEqual(PngSignature) || Encoding.ASCII.GetString(bytes, 12, 4) != "IHDR")
            return null;
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>
    /// A notebook as Jupyter writes it (one-space indents, non-ASCII and HTML characters unescaped, no
    /// final newline), so that saving outputs changes only the outputs in a diff.
    /// </summary>
    public static string Serialize(JsonNode notebook)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
               {
                   Indented = true, IndentCharacter = ' ', IndentSize = 1, NewLine = "\n",
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            notebook.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
