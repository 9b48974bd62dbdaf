using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// A user-defined head on rep, added without editing the library: fc1 (<see cref="Hidden"/>,
/// ReLU) then an output layer. Its rows are <see cref="FeaturizedRow"/>s like any task's; the
/// label comes from <see cref="Label"/> (default <see cref="FeaturizedRow.Label"/>; for a
/// k-class head it must be a class index 0..k-1).
/// </summary>
/// <param name="Name">Task name; its parameters are <c>custom.{Name}.fc1</c> and <c>custom.{Name}.out</c>. Letters, digits and '_' only.</param>
/// <param name="Objective">Binary, MultiClass or Regression.</param>
/// <param name="Classes">k for a MultiClass head (at least 2); ignored otherwise.</param>
/// <param name="Hidden">fc1 width (128 like the paper's heads).</param>
public sealed record CustomHeadDefinition(string Name, HeadObjective Objective, int Classes = 2, int Hidden = 128)
{
    /// <summary>The label of a row for this head.</summary>
    public Func<FeaturizedRow, float> Label { get; init; } = row => row.Label;

    /// <summary>Outputs of the head: k for MultiClass, else 1.</summary>
    public int Outputs => Objective == HeadObjective.MultiClass ? Classes : 1;

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Name) || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"Custom head name '{Name}' must be non-empty and use only letters, digits and '_' (it becomes a state-dict name).");
        if (Objective == HeadObjective.WeightedRanking)
            throw new ArgumentException($"Custom head '{Name}': WeightedRanking is the L2R head's objective; use Binary, MultiClass or Regression.");
        if (Objective == HeadObjective.MultiClass && Classes < 2)
            throw new ArgumentException($"Custom head '{Name}': a MultiClass head needs at least 2 classes; {Classes} were given.");
        if (Hidden <= 0)
            throw new ArgumentException($"Custom head '{Name}': Hidden must be positive; it is {Hidden}.");
    }
}
