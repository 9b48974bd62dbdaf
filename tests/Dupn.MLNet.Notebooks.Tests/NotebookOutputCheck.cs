using System.Text.Json.Nodes;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>
/// What is wrong with a committed notebook's saved outputs, read from its JSON alone (no kernel): a
/// code cell without outputs or execution count, a cell changed since its outputs were saved, a plot
/// cell without its image, a notebook without any image, outputs that are too big or that name the
/// test machine's temporary feed. Empty when the notebook is as notebooks/run-and-save.sh leaves it.
/// </summary>
public static class NotebookOutputCheck
{
    public const string Rerun = "re-run notebooks/run-and-save.sh";

    /// <summary>Images larger than this (either side, pixels) are not "modest".</summary>
    public const int MaxImageSide = 1200;

    /// <summary>One output's text or image (characters of JSON) above this is a dump, not an output.</summary>
    public const int MaxOutputChars = 150_000;

    public static IReadOnlyList<string> Problems(string notebookJson, bool requireImage)
    {
        var problems = new List<string>();
        var cells = JsonNode.Parse(notebookJson)!["cells"]!.AsArray();
        int expectedCount = 0, images = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            if ((string?)cell["cell_type"] != "code")
                continue;
            expectedCount++;
            string source = Nbformat.Text(cell["source"]);
            string name = $"cell {i + 1} ('{source.Split('\n')[0]}')";

            int? executionCount = cell["execution_count"] is JsonValue count && count.TryGetValue(out int number) ? number : null;
            if (executionCount is null)
                problems.Add($"{name} has no execution count: {Rerun}");
            else if (executionCount != expectedCount)
                problems.Add($"{name} has execution count {executionCount}, not {expectedCount}: the outputs come from different runs; {Rerun}");

            var outputs = cell["outputs"] as JsonArray ?? [];
            if (outputs.Count == 0)
                problems.Add($"{name} has no outputs: {Rerun} (a cell that shows nothing should print what it did)");

            string? savedHash = (string?)cell["metadata"]?[Nbformat.MetadataKey]?[Nbformat.SourceHashKey];
            if (savedHash is null)
                problems.Add($"{name} does not record the source its outputs came from: {Rerun}");
            else if (savedHash != Nbformat.SourceHash(source))
                problems.Add($"{name} changed since its outputs were saved: {Rerun}");

            int cellImages = 0;
            foreach (var output in outputs)
            {
                string? problem = OutputProblem(output!.AsObject(), executionCount, out int outputImages);
                if (problem is not null)
                    problems.Add($"{name}: {problem}");
                cellImages += outputImages;
            }
            if (DisplaysPlot(source) && cellImages == 0)
                problems.Add($"{name} displays a plot but holds no image/png output: {Rerun}");
            images += cellImages;
        }
        if (requireImage && images == 0)
            problems.Add($"no image/png output in the notebook (every notebook shows at least one plot): {Rerun}");
        return problems;
    }

    /// <summary>A cell that calls display(..., "image/png") is expected to leave an image.</summary>
    public static bool DisplaysPlot(string source) =>
        source.Split('\n').Any(line => line.Contains("display(", StringComparison.Ordinal)
                                       && line.Contains($"\"{Nbformat.Png}\"", StringComparison.Ordinal)
                                       && !line.TrimStart().StartsWith("//", StringComparison.Ordinal));

    private static string? OutputProblem(JsonObject output, int? executionCount, out int images)
    {
        images = 0;
        string json = output.ToJsonString();
        if (json.Length > MaxOutputChars)
            return $"an output of {json.Length:N0} characters (at most {MaxOutputChars:N0}): print less, or a smaller image";
        // The test run points notebooks at a temporary feed and runs them in a temporary folder.
        if (json.Contains("-nbtest.", StringComparison.Ordinal) || json.Contains(Path.GetTempPath(), StringComparison.Ordinal))
            return "an output names the test run's temporary feed or folder: print names relative to the notebook's folder";
        switch ((string?)output["output_type"])
        {
            case "stream":
                return (string?)output["name"] is "stdout" or "stderr" && output["text"] is not null ? null : "a stream output without name or text";
            case "display_data":
            case "execute_result":
                if (output["data"] is not JsonObject data || data.Count == 0 || output["metadata"] is not JsonObject)
                    return $"a {output["output_type"]} output without data or metadata";
                if ((string?)output["output_type"] == "execute_result"
                    && (output["execution_count"] is not JsonValue result || !result.TryGetValue(out int resultCount) || resultCount != executionCount))
                    return "an execute_result whose execution count is not its cell's";
                if (data[Nbformat.Png] is JsonNode png)
                {
                    if (png is not JsonValue value || !value.TryGetValue(out string? base64) || Nbformat.PngSize(base64) is not { } size)
                        return "an image/png output that is not a base64 PNG";
                    if (size.Width > MaxImageSide || size.Height > MaxImageSide)
                        return $"a {size.Width}x{size.Height} image (at most {MaxImageSide} pixels a side)";
                    images = 1;
                }
                return null;
            case "error":
                return "an error output: the notebook failed when its outputs were saved";
            default:
                return $"an output of unknown type '{output["output_type"]}'";
        }
    }
}
