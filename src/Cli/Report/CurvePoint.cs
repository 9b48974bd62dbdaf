using System.Text.Json.Serialization;

namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// One point of a curve: the x value (a training step, or seconds for time axes) and the metric
/// there. In JSON it is the pair <c>[step, value]</c>.
/// </summary>
/// <param name="Step">The x value: training step (or elapsed seconds where the section says so).</param>
/// <param name="Value">The metric at that step (AUC or accuracy as a fraction in [0, 1]).</param>
[JsonConverter(typeof(CurvePointJsonConverter))]
public readonly record struct CurvePoint(long Step, double Value);
