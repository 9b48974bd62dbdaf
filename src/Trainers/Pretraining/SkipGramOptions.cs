namespace Dupn.MLNet.Trainers.Pretraining;

/// <summary>Options of the skip-gram pre-training of item embeddings (the DUPN-w2v variant).</summary>
public sealed class SkipGramOptions
{
    /// <summary>Context items on each side of a centre item within a history. Default 3.</summary>
    public int Window { get; set; } = 3;

    /// <summary>Negative samples per (centre, context) pair, drawn from the unigram distribution to the power 0.75. Default 5.</summary>
    public int Negatives { get; set; } = 5;

    /// <summary>
    /// Passes over the pairs. Default 10 (measured on 1,500 synthetic histories: after 2 passes all
    /// vectors still point the same way, mean cosine 0.995 within and 0.994 across categories;
    /// after 10 the categories separate).
    /// </summary>
    public int Epochs { get; set; } = 10;

    /// <summary>Pairs per mini-batch. Default 512.</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>Adam learning rate. Default 1e-2.</summary>
    public double LearningRate { get; set; } = 1e-2;

    /// <summary>Seeds initialisation, shuffling and negative sampling. Default 1.</summary>
    public long Seed { get; set; } = 1;

    internal void Validate()
    {
        if (Window <= 0) throw new ArgumentException($"SkipGramOptions.Window must be positive; it is {Window}.");
        if (Negatives <= 0) throw new ArgumentException($"SkipGramOptions.Negatives must be positive; it is {Negatives}.");
        if (Epochs <= 0) throw new ArgumentException($"SkipGramOptions.Epochs must be positive; it is {Epochs}.");
        if (BatchSize <= 0) throw new ArgumentException($"SkipGramOptions.BatchSize must be positive; it is {BatchSize}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"SkipGramOptions.LearningRate must be positive; it is {LearningRate}.");
    }
}
