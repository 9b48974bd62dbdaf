using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.Dssm;

/// <summary>Options of <see cref="DssmBaseline"/>; defaults are the paper's where it gives them (docs/paper.md section 6).</summary>
public sealed class DssmOptions : DeepBaselineOptions
{
    /// <summary>Layers of each tower (user/query and item); ReLU between them, the last linear. Default 1024-512-128 (the paper's).</summary>
    public IReadOnlyList<int> TowerLayers { get; set; } = [1024, 512, 128];

    /// <summary>The cosine similarity is multiplied by this scale (1 / temperature) before the sigmoid. Default 5 (ours: the paper gives none).</summary>
    public double InitialScale { get; set; } = 5.0;

    /// <summary>Whether the scale is learned (true) or fixed at <see cref="InitialScale"/>. Default true.</summary>
    public bool LearnScale { get; set; } = true;

    /// <summary>A configuration a laptop demo can afford: compact embeddings, towers 256-64.</summary>
    public static DssmOptions Compact() => new() { Embeddings = CompactEmbeddings(), TowerLayers = [256, 64] };

    public override void Validate()
    {
        base.Validate();
        ValidateLayers(TowerLayers, nameof(TowerLayers));
        if (!(InitialScale > 0) || double.IsInfinity(InitialScale))
            throw new ArgumentException($"{nameof(DssmOptions)}.{nameof(InitialScale)} must be positive and finite; it is {InitialScale}.");
    }
}
