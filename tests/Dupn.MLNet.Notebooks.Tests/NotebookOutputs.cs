using System.Text.Json.Nodes;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>
/// Saves a run's outputs into its .ipynb file, so that the notebook shows them on a repository page:
/// every code cell gets its outputs, its execution count and, in its metadata, the SHA-256 of the
/// source that produced them (<see cref="NotebookOutputCheck"/> compares it with the source).
/// Only <c>notebooks/run-and-save.sh</c> (DUPN_WRITE_NOTEBOOK_OUTPUTS=1) writes; a plain test run never does.
/// </summary>
public static class NotebookOutputs
{
    /// <summary>The environment variable that makes the notebook tests save outputs ("1").</summary>
    public const string WriteVariable = "DUPN_WRITE_NOTEBOOK_OUTPUTS";

    public static bool WriteRequested => Environment.GetEnvironmentVariable(WriteVariable) == "1";

    /// <summary>Writes <paramref name="run"/>'s outputs into the notebook it ran, leaving every other byte as it was.</summary>
    public static void Write(NotebookRun run) =>
        File.WriteAllText(run.NotebookPath, WithOutputs(File.ReadAllText(run.NotebookPath), run.Cells));

    /// <summary>The notebook JSON <paramref name="notebookJson"/> with <paramref name="cells"/>' outputs in its code cells.</summary>
    public static string WithOutputs(string notebookJson, IReadOnlyList<CellRun> cells)
    {
        var notebook = JsonNode.Parse(notebookJson)!.AsObject();
        var jsonCells = notebook["cells"]!.AsArray();
        var ran = cells.ToDictionary(c => c.CellIndex);
        for (int i = 0; i < jsonCells.Count; i++)
        {
            var cell = jsonCells[i]!.AsObject();
            if ((string?)cell["cell_type"] != "code")
                continue;
            if (!ran.TryGetValue(i, out var run))
                throw new InvalidOperationException($"Code cell {i + 1} did not run; its outputs cannot be saved.");
            string source = Nbformat.Text(cell["source"]);
            // The runner read the cells through .NET Interactive's parser; make sure both mean the same cell.
            if (source.ReplaceLineEndings("\n") != run.Source.ReplaceLineEndings("\n"))
                throw new InvalidOperationException($"Cell {i + 1} of the file is not the cell that ran (the notebook changed during the run?).");
            cell["execution_count"] = run.Outputs.ExecutionCount;
            cell["outputs"] = run.Outputs.ToJson();
            var metadata = cell["metadata"] as JsonObject ?? new JsonObject();
            cell["metadata"] = metadata;
            metadata[Nbformat.MetadataKey] = new JsonObject { [Nbformat.SourceHashKey] = Nbformat.SourceHash(source) };
            ran.Remove(i);
        }
        if (ran.Count > 0)
            throw new InvalidOperationException($"Runs of cells {string.Join(", ", ran.Keys.Select(k => k + 1))} match no code cell of the notebook.");
        return Nbformat.Serialize(notebook);
    }
}
