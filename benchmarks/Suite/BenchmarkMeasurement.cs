using System.Globalization;

namespace Dupn.MLNet.Benchmarks;

/// <summary>
/// One benchmark number with its ratio to a reference measured in the same run (and, where the
/// issue sets one, the goal and whether it was met).
/// </summary>
/// <param name="Section">training, featurization, inference, split, scale.</param>
/// <param name="Name">What was measured, e.g. "DUPN-all train samples/s".</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">Its unit, e.g. "samples/s", "ms", "GFLOP/s".</param>
/// <param name="Ratio">The number relative to <paramref name="RatioOf"/>.</param>
/// <param name="RatioOf">What the ratio is, e.g. "achieved / matmul ceiling".</param>
/// <param name="Goal">The issue's goal in words (null when there is none).</param>
/// <param name="GoalMet">Whether the goal was met (null when there is none).</param>
public sealed record BenchmarkMeasurement(
    string Section, string Name, double Value, string Unit, double Ratio, string RatioOf, string? Goal = null, bool? GoalMet = null)
{
    public override string ToString()
    {
        string goal = Goal is null ? "" : $"  [goal {Goal}: {(GoalMet == true ? "met" : "MISSED")}]";
        return string.Create(CultureInfo.InvariantCulture, $"{Name}: {Format(Value)} {Unit}  (ratio {Format(Ratio)} = {RatioOf}){goal}");
    }

    private static string Format(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        >= 0.01 => value.ToString("F3", CultureInfo.InvariantCulture),
        _ => value.ToString("G3", CultureInfo.InvariantCulture),
    };
}
