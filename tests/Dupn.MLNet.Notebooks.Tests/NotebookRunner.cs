using System.Text;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Dupn.MLNet.Notebooks.Tests;

/// <summary>
/// Executes a C# polyglot notebook headless, cell by cell, in a fresh C# kernel with `#r "nuget:"`
/// support and the kernel helpers (`display`, `HTML`), as a user's notebook host would. The first
/// failing cell fails the run, named by its number and first line. Each code cell's outputs are kept
/// (<see cref="NotebookRun"/>) so that <see cref="NotebookOutputs.Write"/> can save them into the notebook.
/// </summary>
public static partial class NotebookRunner
{
    /// <summary>The feed line every notebook starts with; the tests point it at the freshly packed feed.</summary>
    public const string FeedPlaceholder = "../artifacts/packages";

    public static async Task<NotebookRun> RunAsync(string notebookPath, LocalPackageFeed feed, string workingDirectory)
    {
        var document = Notebook.Parse(await File.ReadAllTextAsync(notebookPath));
        using var kernel = new CSharpKernel().UseKernelHelpers().UseNugetDirective((k, references) =>
        {
            k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
            return Task.CompletedTask;
        });

        var text = new StringBuilder();
        var cells = new List<CellRun>();
        string previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            int number = 0, executionCount = 0;
            foreach (var element in document.Elements)
            {
                number++;
                if (element.KernelName is not ("csharp" or "C#" or null))
                    continue;
                executionCount++;
                var outputs = new CellOutputs(executionCount, UnpointFromFeed(element.Contents, feed));
                var result = await kernel.SendAsync(new SubmitCode(PointAtFeed(element.Contents, feed)));
                foreach (var e in result.Events)
                {
                    switch (e)
                    {
                        case CommandFailed failed:
                            string firstLine = element.Contents.Split('\n')[0];
                            throw new NotebookCellFailedException(
                                $"{Path.GetFileName(notebookPath)} cell {number} ('{firstLine}') failed: {failed.Message}\n--- output so far ---\n{text}");
                        case StandardOutputValueProduced stdout:
                            text.Append(stdout.FormattedValues.FirstOrDefault()?.Value);
                            outputs.Stream("stdout", stdout.FormattedValues);
                            break;
                        case StandardErrorValueProduced stderr:
                            outputs.Stream("stderr", stderr.FormattedValues);
                            break;
                        case ReturnValueProduced value:
                            text.AppendLine(value.FormattedValues.FirstOrDefault(f => f.MimeType == "text/plain")?.Value);
                            outputs.Result(value.FormattedValues);
                            break;
                        case DisplayedValueUpdated updated:
                            outputs.Display(updated.ValueId, updated.FormattedValues);
                            break;
                        case DisplayedValueProduced displayed:
                            text.AppendLine(displayed.FormattedValues.FirstOrDefault(f => f.MimeType == "text/plain")?.Value);
                            outputs.Display(displayed.ValueId, displayed.FormattedValues);
                            break;
                    }
                }
                cells.Add(new CellRun(number - 1, element.Contents, outputs));
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
        return new NotebookRun(notebookPath, text.ToString(), cells);
    }

    private static string PointAtFeed(string code, LocalPackageFeed feed)
    {
        code = code.Replace(FeedPlaceholder, feed.Folder, StringComparison.Ordinal);
        return PackageVersion().Replace(code, m => $"{m.Groups[1].Value}, {feed.Version}\"");
    }

    /// <summary>
    /// Turns what the kernel printed about the test feed back into what the notebook asked for (its feed
    /// line and its package version), so saved outputs read as a user's run would, not as this machine's.
    /// </summary>
    private static Func<string, string> UnpointFromFeed(string code, LocalPackageFeed feed)
    {
        string? asked = PackageVersion().Match(code) is { Success: true } m
            ? Regex.Match(m.Value, @",\s*([^""]*)""").Groups[1].Value.Trim()
            : null;
        return value =>
        {
            value = value.Replace(feed.Folder, FeedPlaceholder, StringComparison.Ordinal);
            return asked is null ? value : value.Replace(feed.Version, asked, StringComparison.Ordinal);
        };
    }

    [GeneratedRegex(@"(#r\s+""nuget:\s*Dupn\.MLNet\.[A-Za-z]+)\s*,\s*[^""]*""")]
    private static partial Regex PackageVersion();
}

/// <summary>What running a notebook printed (all cells' text, for assertions) and each code cell's outputs.</summary>
public sealed record NotebookRun(string NotebookPath, string Text, IReadOnlyList<CellRun> Cells);

/// <summary>One executed code cell: its index among the notebook's cells, the code as the notebook holds it, its outputs.</summary>
public sealed record CellRun(int CellIndex, string Source, CellOutputs Outputs);

public sealed class NotebookCellFailedException(string message) : Exception(message);
