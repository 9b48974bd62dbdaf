namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>The user graph's outputs for a batch of B rows, row-major.</summary>
public sealed class DupnUserScores
{
    internal DupnUserScores(int count, int historyLength, int dim, float[] embeddings, float[] attention, float[]? ppp, int pppLevels)
    {
        Count = count;
        HistoryLength = historyLength;
        Dimension = dim;
        Embeddings = embeddings;
        Attention = attention;
        PppProbabilities = ppp;
        PppLevels = pppLevels;
    }

    /// <summary>B, the rows scored.</summary>
    public int Count { get; }
    /// <summary>T, the history length of this batch (its longest row).</summary>
    public int HistoryLength { get; }
    /// <summary>Size of one representation (256 for the paper's rep; 364 by the trainer's default, which adds q and the history's counts).</summary>
    public int Dimension { get; }
    /// <summary>B x Dimension representations.</summary>
    public float[] Embeddings { get; }
    /// <summary>B x T attention weights (0 on padding).</summary>
    public float[] Attention { get; }
    /// <summary>B x 7 PPP probabilities, or null when the model has no PPP head.</summary>
    public float[]? PppProbabilities { get; }
    public int PppLevels { get; }

    /// <summary>The representation of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Embedding(int row) => Embeddings.AsSpan(row * Dimension, Dimension);

    /// <summary>The attention weights of row <paramref name="row"/> over its first L steps (and 0 after).</summary>
    public ReadOnlySpan<float> AttentionOf(int row) => Attention.AsSpan(row * HistoryLength, HistoryLength);
}
