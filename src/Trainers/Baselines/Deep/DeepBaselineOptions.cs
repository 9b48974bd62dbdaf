
namespace Dupn.MLNet.Trainers.Baselines.Deep;

/// <summary>
/// What every TorchSharp baseline (Wide&amp;Deep, DSSM, CNN-max) shares: the embedding sizes, taken
/// from DUPN's so that the comparison is about the network above them, and the training loop
/// (Adam, shuffled mini-batches, a fixed number of epochs, seeded, on the CPU).
/// </summary>
public abstract class DeepBaselineOptions
{
    /// <summary>
    /// The embedding sizes (item 32, shop 24, brand 24, category 16, tags 28, scene/time/type 16,
    /// query 64, profile 128, talent 64: DUPN's, docs/network.md). Only the dimension
    /// properties are read; vocabularies and the sequence shape come from the rows. Default: the paper's.
    /// </summary>
    public DupnArchitecture Embeddings { get; set; } = new();

    /// <summary>Passes over the training rows. Default 3 (measured: the generator's data is learned in 2-3).</summary>
    public int Epochs { get; set; } = 3;

    /// <summary>Rows per Adam step. Default 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// Adam's learning rate. Default 3e-3, measured on the generator's data (400 users, compact
    /// sizes, 3 epochs): 1e-3, 3e-3 and 1e-2 gave Wide&amp;Deep PPP accuracy 47.6 / 63.1 / 67.5 %
    /// with CTR AUC 0.724 / 0.728 / 0.702, and CNN-max PPP 30.9 / 49.8 / 39.1 %.
    /// </summary>
    public double LearningRate { get; set; } = 3e-3;

    /// <summary>L2 regularisation as Adam's weight decay. Default 0.</summary>
    public double WeightDecay { get; set; }

    /// <summary>Dropout after every hidden fully connected output, training only. Default 0.2, as DUPN.</summary>
    public double Dropout { get; set; } = 0.2;

    /// <summary>Seed of initialisation, shuffling and dropout: the same seed and rows give the same predictions. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>libtorch intra-op CPU threads; 0 keeps libtorch's default (one per core). Default 0.</summary>
    public int Threads { get; set; }

    /// <summary>Rows per forward pass when predicting. Default 1024.</summary>
    public int PredictionBatchSize { get; set; } = 1024;

    /// <summary>
    /// Embedding sizes about a quarter of the paper's (item 16, shop/brand/category/tags 8,
    /// scene/time/type 8, query 16, profile 32, talent 16), for the compact configurations that a
    /// demo on a laptop can afford.
    /// </summary>
    public static DupnArchitecture CompactEmbeddings() => new()
    {
        ItemDim = 16, ShopDim = 8, BrandDim = 8, CategoryDim = 8, TagDim = 8,
        SceneDim = 8, TimeDim = 8, TypeDim = 8, QueryDim = 16, ProfileDim = 32, TalentDim = 16,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public virtual void Validate()
    {
        string name = GetType().Name;
        if (Embeddings is null)
            throw new ArgumentException($"{name}.Embeddings must be set (a DupnArchitecture whose dimensions are used).");
        if (Epochs <= 0)
            throw new ArgumentException($"{name}.Epochs must be positive; it is {Epochs}.");
        if (BatchSize <= 0)
            throw new ArgumentException($"{name}.BatchSize must be positive; it is {BatchSize}.");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentException($"{name}.LearningRate must be positive and finite; it is {LearningRate}.");
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
            throw new ArgumentException($"{name}.WeightDecay must be zero or positive; it is {WeightDecay}.");
        if (!(Dropout >= 0 && Dropout < 1))
            throw new ArgumentException($"{name}.Dropout must be in [0, 1); it is {Dropout}.");
        if (Threads < 0)
            throw new ArgumentException($"{name}.Threads must be zero (libtorch's default) or positive; it is {Threads}.");
        if (PredictionBatchSize <= 0)
            throw new ArgumentException($"{name}.PredictionBatchSize must be positive; it is {PredictionBatchSize}.");
    }

    /// <summary>Checks a list of layer widths: at least one, each positive.</summary>
    protected void ValidateLayers(IReadOnlyList<int>? layers, string property)
    {
        string name = GetType().Name;
        if (layers is null || layers.Count == 0)
            throw new ArgumentException($"{name}.{property} needs at least one layer width.");
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] <= 0)
                throw new ArgumentException($"{name}.{property}[{i}] must be positive; it is {layers[i]}.");
        }
    }
}
