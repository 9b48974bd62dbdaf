using System.Reflection;
using System.Text.RegularExpressions;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.EndToEnd.Tests;

/// <summary>
/// The rules of docs/architecture.md, checked on the built assemblies and on the CLI's sources:
/// who may reference whom, no benchmark types in the packed libraries, no stuttering names, and a
/// CLI that only parses, calls the library and prints.
/// </summary>
public class LayoutRulesTests
{
    private static readonly Assembly Core = typeof(DupnArchitecture).Assembly;
    private static readonly Assembly Transforms = typeof(Dupn.MLNet.Transforms.Data.Dataset).Assembly;
    private static readonly Assembly Export = typeof(Dupn.MLNet.Export.DupnOnnxExporter).Assembly;
    private static readonly Assembly Trainers = typeof(Dupn.MLNet.Trainers.DupnModel).Assembly;
    private static readonly Assembly[] Packed = [Core, Transforms, Export, Trainers];

    private static string[] References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Fact]
    public void CoreDependsOnNothingButTheRuntime()
    {
        Assert.All(References(Core), name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard",
            $"Dupn.MLNet.Core references {name}; it must stay free of ML.NET, TorchSharp and ONNX Runtime."));
    }

    /// <summary>
    /// The scoring packages never reach the trainers or TorchSharp. Export writes graphs from plain
    /// weights and knows nothing of ML.NET, so it never reaches Transforms; Transforms uses Export's
    /// graph writer for the one graph it builds itself (the behaviour-index graph that ends
    /// FeaturizeBehaviorSequence), so the flow runs one way: export -> embed.
    /// </summary>
    [Fact]
    public void TransformsAndExportNeverReachTrainersOrTorchSharpAndExportNeverReachesTransforms()
    {
        foreach (var assembly in new[] { Transforms, Export })
        {
            var names = References(assembly);
            Assert.Contains("Dupn.MLNet.Core", names);
            Assert.DoesNotContain("Dupn.MLNet.Trainers", names);
            Assert.DoesNotContain("TorchSharp", names);
        }
        Assert.DoesNotContain("Dupn.MLNet.Transforms", References(Export));
        Assert.DoesNotContain("Microsoft.ML", References(Export));
    }

    [Fact]
    public void PackedLibrariesHoldNoBenchmarks()
    {
        var benchmarks = Packed.SelectMany(a => a.GetTypes())
            .Where(t => t.FullName!.Contains("Benchmark", StringComparison.OrdinalIgnoreCase)).Select(t => t.FullName).ToArray();
        Assert.True(benchmarks.Length == 0, "Benchmark types in the packages (they belong in benchmarks/): " + string.Join(", ", benchmarks));
    }

    [Fact]
    public void NoNamespaceRepeatsASegmentAndNoTypeIsNamedLikeItsNamespace()
    {
        var problems = new List<string>();
        foreach (var type in Packed.SelectMany(a => a.GetTypes()).Where(t => t.Namespace?.StartsWith("Dupn.MLNet", StringComparison.Ordinal) == true && !IsCompilerGenerated(t)))
        {
            string[] segments = type.Namespace!.Split('.');
            if (segments.Distinct(StringComparer.OrdinalIgnoreCase).Count() != segments.Length)
                problems.Add($"namespace {type.Namespace} repeats a segment");
            string name = type.Name.Split('`')[0];
            if (string.Equals(name, segments[^1], StringComparison.OrdinalIgnoreCase))
                problems.Add($"{type.FullName} is named like its namespace");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    /// <summary>
    /// The CLI parses, calls the library and prints: no network, training loop, metric or learner
    /// of its own. These names are the library's building blocks; the CLI reaches them only through
    /// the library's entry points (DupnModelTrainer, ModelComparison, BaselineRegistry, DupnTransfer, ...).
    /// </summary>
    [Fact]
    public void CliHoldsNoTrainingOrEvaluationLogic()
    {
        string[] forbidden =
        [
            "using TorchSharp", "TorchSharp.", "torch.", "DupnNetwork", "new DupnTrainer(", "DupnEvaluator", "FitPredict", "BinaryMetrics",
            "MultiClassMetrics", "BaselineEvaluation", "BinaryClassification.", "MulticlassClassification.", "Trainers.LightGbm", ".Backward(",
        ];
        string cli = Path.Combine(RepoPaths.Root, "src", "Cli");
        var hits = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !Regex.IsMatch(x.line, @"^\s*(///|//)"))
            .SelectMany(x => forbidden.Where(word => x.line.Contains(word, StringComparison.Ordinal))
                .Select(word => $"{Path.GetRelativePath(RepoPaths.Root, x.f)}:{x.i + 1} uses {word}"))
            .ToArray();
        Assert.True(hits.Length == 0, "Training or evaluation logic in the CLI (move it into the library):\n" + string.Join("\n", hits));
    }

    private static bool IsCompilerGenerated(Type type) =>
        type.Name.Contains('<', StringComparison.Ordinal) || type.GetCustomAttribute<System.Runtime.CompilerServices.CompilerGeneratedAttribute>() is not null;
}
