namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// The L2R sample weights n_i by behaviour type (docs/paper.md section 4): a purchase teaches the ranker
/// more than a click. Keyed by the behaviour-type index the featuriser gives
/// (<see cref="Transforms.Featurization.FeaturizedRow.BehaviorType"/>); types without an entry weigh
/// <see cref="DefaultWeight"/>.
/// </summary>
public sealed class L2rSampleWeights
{
    /// <summary>Default weights by type name: buy 4 &gt; cart 3 &gt; fav 2 &gt; click 1 (ours; the paper gives only buy &gt; click).</summary>
    public static readonly IReadOnlyDictionary<string, float> DefaultWeightsByName = new Dictionary<string, float>(StringComparer.OrdinalIgnoreCase)
    {
        ["buy"] = 4f, ["cart"] = 3f, ["fav"] = 2f, ["click"] = 1f,
    };

    private readonly Dictionary<int, float> _byIndex;

    /// <summary>Weights by behaviour-type index.</summary>
    public L2rSampleWeights(IReadOnlyDictionary<int, float> weightsByIndex, float defaultWeight = 1f)
    {
        foreach (var (index, weight) in weightsByIndex)
            if (!(weight >= 0) || float.IsInfinity(weight))
                throw new ArgumentException($"L2R sample weight of behaviour type index {index} must be a finite non-negative number; it is {weight}.");
        if (!(defaultWeight >= 0))
            throw new ArgumentException($"The default L2R sample weight must be non-negative; it is {defaultWeight}.");
        _byIndex = new Dictionary<int, float>(weightsByIndex);
        DefaultWeight = defaultWeight;
    }

    /// <summary>Every row weighs 1 (plain logistic loss).</summary>
    public static L2rSampleWeights Uniform { get; } = new(new Dictionary<int, float>());

    /// <summary>
    /// Weights from type names, given the featuriser's type vocabulary (name to index). Names in
    /// <paramref name="weightsByName"/> (default <see cref="DefaultWeightsByName"/>) that the
    /// vocabulary lacks are an error, so a misspelt type never silently weighs 1.
    /// </summary>
    public static L2rSampleWeights FromTypeNames(IReadOnlyDictionary<string, int> typeIndexByName, IReadOnlyDictionary<string, float>? weightsByName = null)
    {
        var byIndex = new Dictionary<int, float>();
        var lookup = new Dictionary<string, int>(typeIndexByName, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, weight) in weightsByName ?? DefaultWeightsByName)
        {
            if (!lookup.TryGetValue(name, out int index))
                throw new ArgumentException($"L2R weight for behaviour type '{name}', but the type vocabulary has only: {string.Join(", ", typeIndexByName.Keys)}.");
            byIndex[index] = weight;
        }
        return new L2rSampleWeights(byIndex);
    }

    /// <summary>Weight of rows whose type has no entry.</summary>
    public float DefaultWeight { get; }

    /// <summary>n_i of a behaviour-type index.</summary>
    public float WeightOf(int typeIndex) => _byIndex.TryGetValue(typeIndex, out float w) ? w : DefaultWeight;
}
