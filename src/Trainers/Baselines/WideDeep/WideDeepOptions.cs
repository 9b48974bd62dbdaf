using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.WideDeep;

/// <summary>Options of <see cref="WideDeepBaseline"/>; defaults are the paper's (docs/paper.md section 6).</summary>
public sealed class WideDeepOptions : DeepBaselineOptions
{
    /// <summary>The deep part's hidden layers, each ReLU. Default 1024-512-128 (the paper's).</summary>
    public IReadOnlyList<int> HiddenLayers { get; set; } = [1024, 512, 128];

    /// <summary>Bits of the wide part's feature hash (2^bits weights per output), as <see cref="WideBaseline"/>. Default 18.</summary>
    public int HashBits { get; set; } = 18;

    /// <summary>A configuration a laptop demo can afford: compact embeddings, deep part 256-128-64, 2^16 wide weights.</summary>
    public static WideDeepOptions Compact() => new() { Embeddings = CompactEmbeddings(), HiddenLayers = [256, 128, 64], HashBits = 16 };

    public override void Validate()
    {
        base.Validate();
        ValidateLayers(HiddenLayers, nameof(HiddenLayers));
        if (HashBits is < 8 or > 24)
            throw new ArgumentException($"{nameof(WideDeepOptions)}.{nameof(HashBits)} must be between 8 and 24; it is {HashBits}.");
    }
}
