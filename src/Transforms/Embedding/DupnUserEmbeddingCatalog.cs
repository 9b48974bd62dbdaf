using Dupn.MLNet.Transforms.Embedding;

namespace Microsoft.ML;

/// <summary>The front door of the DUPN user-embedding transform: <c>mlContext.Transforms.DupnUserEmbedding(...)</c>.</summary>
public static class DupnUserEmbeddingCatalog
{
    /// <summary>Adds the DUPN user representation (and the outputs the options ask for) with an exported 'user' graph.</summary>
    public static DupnUserEmbeddingEstimator DupnUserEmbedding(this TransformsCatalog catalog, DupnUserEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // ML.NET exposes no public way from a catalog to its MLContext; the chain underneath is made of
        // deterministic built-in transforms, so a private context changes nothing but where it logs.
        return new DupnUserEmbeddingEstimator(new MLContext(), options);
    }

    /// <summary>
    /// Adds the column <paramref name="outputColumnName"/> (Single[256] for the paper's rep; Single[364], [rep_s ; u ; q ; c], by the trainer's default) from the exported 'user' graph
    /// at <paramref name="modelPath"/>, reading the default input columns (HistoryItem, ..., HistoryMask,
    /// Query, Profile; see <see cref="DupnUserEmbeddingOptions"/>).
    /// </summary>
    public static DupnUserEmbeddingEstimator DupnUserEmbedding(this TransformsCatalog catalog, string modelPath,
        string outputColumnName = DupnUserEmbeddingOptions.DefaultOutputColumnName, bool addAttention = false, bool addPpp = false)
        => catalog.DupnUserEmbedding(new DupnUserEmbeddingOptions
        {
            ModelPath = modelPath,
            OutputColumnName = outputColumnName,
            AddAttention = addAttention,
            AddPpp = addPpp,
        });

    /// <summary>
    /// Like the path overload, for a model held in a stream (read to its end here; the stream stays
    /// open and belongs to the caller).
    /// </summary>
    public static DupnUserEmbeddingEstimator DupnUserEmbedding(this TransformsCatalog catalog, Stream model,
        string outputColumnName = DupnUserEmbeddingOptions.DefaultOutputColumnName, bool addAttention = false, bool addPpp = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var buffer = new MemoryStream();
        model.CopyTo(buffer);
        return catalog.DupnUserEmbedding(new DupnUserEmbeddingOptions
        {
            ModelBytes = buffer.ToArray(),
            OutputColumnName = outputColumnName,
            AddAttention = addAttention,
            AddPpp = addPpp,
        });
    }
}
