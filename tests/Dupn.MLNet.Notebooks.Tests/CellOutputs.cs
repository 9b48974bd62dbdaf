using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>
/// One code cell's outputs as nbformat 4 writes them: console text as `stream` outputs (consecutive
/// writes to one stream merged), `display(...)` as `display_data` (a later update of the same
/// displayed value replaces it, as a notebook host shows it), a cell's return value as `execute_result`.
/// </summary>
public sealed class CellOutputs(int executionCount, Func<string, string> clean)
{
    private readonly List<Output> _outputs = [];

    /// <summary>The cell's execution count: the 1-based number of the code cell in the run.</summary>
    public int ExecutionCount { get; } = executionCount;

    public int Count => _outputs.Count;

    public void Stream(string name, IReadOnlyCollection<FormattedValue> values)
    {
        string text = clean(values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? "");
        if (text.Length == 0)
            return;
        if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == name)
            last.Text.Append(text);
        else
            _outputs.Add(new StreamOutput(name, new StringBuilder(text)));
    }

    public void Display(string? valueId, IReadOnlyCollection<FormattedValue> values)
    {
        var data = Bundle(values);
        if (!string.IsNullOrEmpty(valueId) && _outputs.OfType<DisplayOutput>().FirstOrDefault(d => d.ValueId == valueId) is { } shown)
            shown.Data = data;
        else
            _outputs.Add(new DisplayOutput(valueId, data));
    }

    public void Result(IReadOnlyCollection<FormattedValue> values) => _outputs.Add(new ResultOutput(Bundle(values)));

    /// <summary>The `outputs` array of the cell.</summary>
    public JsonArray ToJson()
    {
        var array = new JsonArray();
        foreach (var output in _outputs)
        {
            array.Add(output switch
            {
                StreamOutput s => new JsonObject { ["name"] = s.Name, ["output_type"] = "stream", ["text"] = Nbformat.Lines(s.Text.ToString()) },
                DisplayOutput d => new JsonObject { ["data"] = Nbformat.Data(d.Data), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" },
                ResultOutput r => new JsonObject
                {
                    ["data"] = Nbformat.Data(r.Data), ["execution_count"] = ExecutionCount, ["metadata"] = new JsonObject(), ["output_type"] = "execute_result",
                },
                _ => throw new InvalidOperationException(output.GetType().Name),
            });
        }
        return array;
    }

    private List<(string MimeType, string Value)> Bundle(IReadOnlyCollection<FormattedValue> values)
    {
        var data = new List<(string, string)>();
        foreach (var value in values)
        {
            if (value.MimeType == Nbformat.Png)
            {
                string base64 = new(value.Value.Where(c => !char.IsWhiteSpace(c)).ToArray());
                if (!Nbformat.IsPng(base64))
                    throw new InvalidOperationException($"A displayed image/png value is not a base64 PNG: '{value.Value[..Math.Min(40, value.Value.Length)]}...'");
                data.Add((value.MimeType, base64));
            }
            else
            {
                data.Add((value.MimeType, clean(value.Value)));
            }
        }
        return data;
    }

    private abstract class Output;

    private sealed class StreamOutput(string name, StringBuilder text) : Output
    {
        public string Name { get; } = name;
        public StringBuilder Text { get; } = text;
    }

    private sealed class DisplayOutput(string? valueId, List<(string MimeType, string Value)> data) : Output
    {
        public string? ValueId { get; } = valueId;
        public List<(string MimeType, string Value)> Data { get; set; } = data;
    }

    private sealed class ResultOutput(List<(string MimeType, string Value)> data) : Output
    {
        public List<(string MimeType, string Value)> Data { get; } = data;
    }
}
