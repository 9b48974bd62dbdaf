using Dupn.MLNet.Trainers.Baselines.Deep;

namespace Dupn.MLNet.Trainers.Baselines.CnnMax;

/// <summary>Options of <see cref="CnnMaxBaseline"/>; defaults are the paper's where it gives them (docs/paper.md section 6).</summary>
public sealed class CnnMaxOptions : DeepBaselineOptions
{
    /// <summary>Window sizes of the 1-D convolutions over the history. Default 1..10 (the paper's).</summary>
    public IReadOnlyList<int> WindowSizes { get; set; } = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>Kernels (output channels) per window size. Default 64 (the paper's).</summary>
    public int Kernels { get; set; } = 64;

    /// <summary>The fully connected layers above the pooled features, each ReLU. Default 128 (ours: the paper says "FC").</summary>
    public IReadOnlyList<int> HiddenLayers { get; set; } = [128];

    /// <summary>A configuration a laptop demo can afford: compact embeddings, windows 1..5 with 32 kernels each, FC 64.</summary>
    public static CnnMaxOptions Compact() => new() { Embeddings = CompactEmbeddings(), WindowSizes = [1, 2, 3, 4, 5], Kernels = 32, HiddenLayers = [64] };

    public override void Validate()
    {
        base.Validate();
        ValidateLayers(WindowSizes, nameof(WindowSizes));
        if (WindowSizes.Distinct().Count() != WindowSizes.Count)
            throw new ArgumentException($"{nameof(CnnMaxOptions)}.{nameof(WindowSizes)} lists a window size twice.");
        if (Kernels <= 0)
            throw new ArgumentException($"{nameof(CnnMaxOptions)}.{nameof(Kernels)} must be positive; it is {Kernels}.");
        ValidateLayers(HiddenLayers, nameof(HiddenLayers));
    }
}
