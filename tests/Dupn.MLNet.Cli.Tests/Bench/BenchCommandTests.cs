using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dupn.MLNet.Cli.Tests.Bench;

/// <summary>
/// `dupn bench --quick` runs every section in-process and prints each measurement as a number and a
/// ratio; the JSON holds the same. Speed is never asserted here: the command measures the goals.
/// </summary>
public class BenchCommandTests
{
    // "  <name>: <number> <unit>  (ratio <number> = <what>)" with numbers like 1,234 / 0.5 / 1.2E-05.
    private static readonly Regex MeasurementLine = new(
        @"^  (?<name>.+): (?<value>-?[\d,]+(\.\d+)?(E[-+]?\d+)?) (?<unit>\S+(/\S+)?)  \(ratio (?<ratio>-?[\d,]+(\.\d+)?(E[-+]?\d+)?) = (?<of>.+?)\)",
        RegexOptions.CultureInvariant);

    [Fact]
    public void QuickRunPrintsANumberAndARatioInEverySection()
    {
        string json = Path.Combine(Path.GetTempPath(), $"dupn-bench-test-{Guid.NewGuid():N}.json");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = DupnCli.Run(["bench", "--quick", "--json", json], stdout, stderr);
            string output = stdout.ToString();
            Assert.True(code == 0, $"exit {code}; stderr: {stderr}\nstdout: {output}");

            var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            string? section = null;
            var printed = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string line in lines)
            {
                if (line.StartsWith("== ", StringComparison.Ordinal))
                {
                    section = line.Trim('=', ' ');
                    continue;
                }
                var match = MeasurementLine.Match(line);
                if (!match.Success || section is null)
                    continue;
                double value = double.Parse(match.Groups["value"].Value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                double ratio = double.Parse(match.Groups["ratio"].Value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                Assert.True(value > 0 && double.IsFinite(value), $"not a positive number: {line}");
                Assert.True(ratio > 0 && double.IsFinite(ratio), $"not a positive ratio: {line}");
                printed[section] = printed.GetValueOrDefault(section) + 1;
            }
            foreach (string expected in new[] { "training", "featurization", "inference", "split", "scale" })
                Assert.True(printed.GetValueOrDefault(expected) > 0, $"section '{expected}' printed no measurement line:\n{output}");

            // The lines the issue asks for, by name.
            Assert.Contains(lines, l => l.Contains("DUPN-all achieved FLOP/s", StringComparison.Ordinal) && l.Contains("achieved / matmul ceiling", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("CSV -> padded sequences", StringComparison.Ordinal) && l.Contains("behaviours/s", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("read the behaviours with validation: Parquet", StringComparison.Ordinal) && l.Contains("Parquet / CSV read", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("p50, batch 1, one thread", StringComparison.Ordinal) && l.Contains("TorchSharp p50 / ONNX Runtime p50", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("ML.NET DupnUserEmbedding transform", StringComparison.Ordinal) && l.Contains("ML.NET row path", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("split serving", StringComparison.Ordinal) && l.Contains("full graph time / split time", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("peak working set", StringComparison.Ordinal) && l.Contains("MiB", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("machine: ", StringComparison.Ordinal) && l.Contains("cores", StringComparison.Ordinal));

            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var root = document.RootElement;
            Assert.True(root.GetProperty("machine").GetProperty("cores").GetInt32() >= 1);
            var measurements = root.GetProperty("measurements").EnumerateArray().ToList();
            Assert.Equal(printed.Values.Sum(), measurements.Count);
            foreach (var m in measurements)
            {
                Assert.True(m.GetProperty("value").GetDouble() > 0, m.ToString());
                Assert.True(m.GetProperty("ratio").GetDouble() > 0, m.ToString());
                Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("ratioOf").GetString()), m.ToString());
            }
            // Both scale sizes are reported, the larger with a time ratio against the smaller.
            Assert.Equal(2, measurements.Count(m => m.GetProperty("section").GetString() == "scale"
                && m.GetProperty("name").GetString()!.EndsWith("generate + featurise + epoch", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public void UnknownSectionIsAUsageError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = DupnCli.Run(["bench", "--quick", "--sections", "training,speed"], stdout, stderr);
        Assert.Equal(2, code);
        Assert.Contains("--sections has 'speed'", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BadScaleSizeIsAUsageError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = DupnCli.Run(["bench", "--scale", "10000,lots"], stdout, stderr);
        Assert.Equal(2, code);
        Assert.Contains("--scale has 'lots'", stderr.ToString(), StringComparison.Ordinal);
    }
}
