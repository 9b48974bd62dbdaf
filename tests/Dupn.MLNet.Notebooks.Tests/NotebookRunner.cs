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
/// support, as a user's notebook host would. The first failing cell fails the run, named by its
/// number and first line.
/// </summary>
public static partial class NotebookRunner
{
    /// <summary>The feed line every notebook starts with; the tests point it at the freshly packed feed.</summary>
    public const string FeedPlaceholder = "../artifacts/packages";

    public static async Task<string> RunAsync(string notebookPath, LocalPackageFeed feed, string workingDirectory)
    {
        var document = Notebook.Parse(await File.ReadAllTextAsync(notebookPath));
        using var kernel = new CSharpKernel().UseNugetDirective((k, references) =>
        {
            k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
            return Task.CompletedTask;
        });

        var output = new StringBuilder();
        string previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            int number = 0;
            foreach (var element in document.Elements)
            {
                number++;
                if (element.KernelName is not ("csharp" or "C#" or null))
                    continue;
                string code = PointAtFeed(element.Contents, feed);
                var result = await kernel.SendAsync(new SubmitCode(code));
                foreach (var e in result.Events)
                {
                    switch (e)
                    {
                        case CommandFailed failed:
                            string firstLine = element.Contents.Split('\n')[0];
                            throw new NotebookCellFailedException(
                                $"{Path.GetFileName(notebookPath)} cell {number} ('{firstLine}') failed: {failed.Message}\n--- output so far ---\n{output}");
                        case StandardOutputValueProduced stdout:
                            output.Append(stdout.FormattedValues.FirstOrDefault()?.Value);
                            break;
                        case ReturnValueProduced value:
                            output.AppendLine(value.FormattedValues.FirstOrDefault(f => f.MimeType == "text/plain")?.Value);
                            break;
                    }
                }
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
        return output.ToString();
    }

    private static string PointAtFeed(string code, LocalPackageFeed feed)
    {
        code = code.Replace(FeedPlaceholder, feed.Folder, StringComparison.Ordinal);
        return PackageVersion().Replace(code, m => $"{m.Groups[1].Value}, {feed.Version}\"");
    }

    [GeneratedRegex(@"(#r\s+""nuget:\s*Dupn\.MLNet\.[A-Za-z]+)\s*,\s*[^""]*""")]
    private static partial Regex PackageVersion();
}

public sealed class NotebookCellFailedException(string message) : Exception(message);
