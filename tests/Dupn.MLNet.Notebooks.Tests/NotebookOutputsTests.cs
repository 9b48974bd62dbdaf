using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Dupn.MLNet.Tests;
using Microsoft.DotNet.Interactive.Formatting;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>
/// The committed notebooks carry the outputs of a run of their current code (notebooks/run-and-save.sh),
/// images included; and the saving and checking behind that do what they say. Cheap: JSON only, no kernel.
/// </summary>
public class NotebookOutputsTests
{
    [Theory]
    [MemberData(nameof(NotebookTests.Notebooks), MemberType = typeof(NotebookTests))]
    public void A_committed_notebook_carries_the_outputs_of_its_current_code(string notebook)
    {
        var problems = NotebookOutputCheck.Problems(Read(notebook), requireImage: true);
        Assert.True(problems.Count == 0, $"{notebook}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(NotebookTests.Notebooks), MemberType = typeof(NotebookTests))]
    public void Saving_outputs_rewrites_nothing_else(string notebook)
    {
        // Jupyter's layout, reproduced byte for byte: saving changes only outputs in a diff.
        string json = Read(notebook);
        Assert.Equal(json, Nbformat.Serialize(JsonNode.Parse(json)!));
    }

    [Fact]
    public void The_check_names_a_cell_whose_code_changed_after_its_outputs_were_saved()
    {
        var notebook = JsonNode.Parse(Read("02-train-and-evaluate.ipynb"))!;
        var cell = CodeCells(notebook).Last();
        cell["source"] = Nbformat.Lines(Nbformat.Text(cell["source"]) + "\nConsole.WriteLine(\"one more line\");");
        var problems = NotebookOutputCheck.Problems(notebook.ToJsonString(), requireImage: true);
        Assert.Contains(problems, p => p.Contains("changed since its outputs were saved", StringComparison.Ordinal));
    }

    [Fact]
    public void The_check_names_a_code_cell_without_outputs_or_execution_count()
    {
        var notebook = JsonNode.Parse(Read("01-behaviour-data.ipynb"))!;
        var cell = CodeCells(notebook)[1];
        cell["outputs"] = new JsonArray();
        cell["execution_count"] = null;
        var problems = NotebookOutputCheck.Problems(notebook.ToJsonString(), requireImage: true);
        Assert.Contains(problems, p => p.Contains("has no outputs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("has no execution count", StringComparison.Ordinal));
    }

    [Fact]
    public void The_check_wants_an_image_from_every_plot_cell_and_every_notebook()
    {
        var notebook = JsonNode.Parse(Read("03-embed-in-mlnet.ipynb"))!;
        foreach (var cell in CodeCells(notebook))
        {
            var outputs = cell["outputs"]!.AsArray();
            foreach (var output in outputs.Where(o => o!["data"]?[Nbformat.Png] is not null).ToList())
                outputs.Remove(output);
            if (outputs.Count == 0)
                outputs.Add(new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = Nbformat.Lines("drawn\n") });
        }
        var problems = NotebookOutputCheck.Problems(notebook.ToJsonString(), requireImage: true);
        Assert.Contains(problems, p => p.Contains("displays a plot but holds no image/png output", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("no image/png output in the notebook", StringComparison.Ordinal));
    }

    [Fact]
    public void Saved_outputs_are_nbformat_streams_displays_and_results_that_the_check_accepts()
    {
        string json = """
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
              {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["Console.Write(\"a\");\n", "Console.WriteLine(\"b\");"]},
              {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["display(plot, \"image/png\");\n", "1 + 2"]}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 2}
            """;
        string feedFolder = Path.Combine(Path.GetTempPath(), "dupn-feed-0123456789");
        string Clean(string value) => value.Replace(feedFolder, NotebookRunner.FeedPlaceholder, StringComparison.Ordinal);
        var first = new CellOutputs(1, Clean);
        first.Stream("stdout", [new FormattedValue("text/plain", "a")]);
        first.Stream("stdout", [new FormattedValue("text/plain", "b\n")]);
        first.Display("restore", [new FormattedValue("text/html", $"Installing from {feedFolder}")]);
        first.Display("restore", [new FormattedValue("text/html", $"Installed from {feedFolder}")]);
        var second = new CellOutputs(2, Clean);
        second.Display("plot", [new FormattedValue(Nbformat.Png, PngHeader(600, 400))]);
        second.Result([new FormattedValue("text/plain", "3")]);
        string saved = NotebookOutputs.WithOutputs(json, [
            new CellRun(1, "Console.Write(\"a\");\nConsole.WriteLine(\"b\");", first),
            new CellRun(2, "display(plot, \"image/png\");\n1 + 2", second),
        ]);

        var cells = JsonNode.Parse(saved)!["cells"]!.AsArray();
        var outputs = cells[1]!["outputs"]!.AsArray();
        Assert.Equal(2, outputs.Count);
        Assert.Equal("stream", (string?)outputs[0]!["output_type"]);
        Assert.Equal("ab\n", Nbformat.Text(outputs[0]!["text"]));
        Assert.Equal("display_data", (string?)outputs[1]!["output_type"]);
        Assert.Equal($"Installed from {NotebookRunner.FeedPlaceholder}", Nbformat.Text(outputs[1]!["data"]!["text/html"]));
        Assert.Equal(1, (int)cells[1]!["execution_count"]!);
        var plotOutputs = cells[2]!["outputs"]!.AsArray();
        Assert.Equal(PngHeader(600, 400), (string?)plotOutputs[0]!["data"]![Nbformat.Png]);
        Assert.Equal("execute_result", (string?)plotOutputs[1]!["output_type"]);
        Assert.Equal(2, (int)plotOutputs[1]!["execution_count"]!);
        Assert.Empty(NotebookOutputCheck.Problems(saved, requireImage: true));
        Assert.Equal("# Title", Nbformat.Text(cells[0]!["source"]));
        Assert.Null(cells[0]!["outputs"]);
    }

    [Fact]
    public void Saving_refuses_outputs_of_a_cell_that_is_not_the_one_in_the_file()
    {
        string json = """{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["Console.WriteLine(1);"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 2}""";
        var outputs = new CellOutputs(1, s => s);
        outputs.Stream("stdout", [new FormattedValue("text/plain", "2\n")]);
        Assert.Throws<InvalidOperationException>(() => NotebookOutputs.WithOutputs(json, [new CellRun(0, "Console.WriteLine(2);", outputs)]));
        Assert.Throws<InvalidOperationException>(() => NotebookOutputs.WithOutputs(json, []));
    }

    [Fact]
    public void The_check_rejects_big_images_and_outputs_that_name_the_test_feed()
    {
        var cells = new JsonArray(
            new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = 1, ["metadata"] = Metadata("display(plot, \"image/png\");"),
                ["outputs"] = new JsonArray(new JsonObject
                {
                    ["data"] = new JsonObject { [Nbformat.Png] = PngHeader(4000, 3000) }, ["metadata"] = new JsonObject(), ["output_type"] = "display_data",
                }),
                ["source"] = Nbformat.Lines("display(plot, \"image/png\");"),
            },
            new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = 2, ["metadata"] = Metadata("Console.WriteLine(version);"),
                ["outputs"] = new JsonArray(new JsonObject
                {
                    ["name"] = "stdout", ["output_type"] = "stream", ["text"] = Nbformat.Lines("Dupn.MLNet.Trainers, 0.1.0-nbtest.20250101000000.42\n"),
                }),
                ["source"] = Nbformat.Lines("Console.WriteLine(version);"),
            });
        var problems = NotebookOutputCheck.Problems(new JsonObject { ["cells"] = cells }.ToJsonString(), requireImage: false);
        Assert.Contains(problems, p => p.Contains("a 4000x3000 image", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("temporary feed", StringComparison.Ordinal));
    }

    private static JsonObject Metadata(string source) =>
        new() { [Nbformat.MetadataKey] = new JsonObject { [Nbformat.SourceHashKey] = Nbformat.SourceHash(source) } };

    /// <summary>The first bytes of a PNG of the given size, base64: enough for the checks, which read the header only.</summary>
    private static string PngHeader(int width, int height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 13);
        Encoding.ASCII.GetBytes("IHDR").CopyTo(bytes, 12);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        return Convert.ToBase64String(bytes);
    }

    private static string Read(string notebook) => File.ReadAllText(Path.Combine(RepoPaths.Root, "notebooks", notebook));

    private static List<JsonNode> CodeCells(JsonNode notebook) =>
        notebook["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").Select(c => c!).ToList();
}
