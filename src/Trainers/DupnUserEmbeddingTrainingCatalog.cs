using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers;

namespace Microsoft.ML;

/// <summary>
/// The training front door of the DUPN user embedding: <c>mlContext.Transforms.DupnUserEmbedding(trainingOptions)</c>,
/// an estimator whose Fit trains DUPN and returns the ONNX-backed embedding transform.
/// </summary>
public static class DupnUserEmbeddingTrainingCatalog
{
    /// <summary>
    /// Adds the DUPN user representation, trained on <see cref="DupnUserEmbeddingTrainingOptions"/>'s
    /// task data when the pipeline is fitted (see <see cref="DupnUserEmbeddingTrainingEstimator"/> for the columns).
    /// </summary>
    public static DupnUserEmbeddingTrainingEstimator DupnUserEmbedding(this TransformsCatalog catalog, DupnUserEmbeddingTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // ML.NET gives extensions no public way from a catalog to its MLContext. The trainer logs to
        // this private context; construct DupnUserEmbeddingTrainingEstimator with your own MLContext
        // to receive its log, or set DupnUserEmbeddingTrainingOptions.Progress.
        return new DupnUserEmbeddingTrainingEstimator(new MLContext(), options);
    }

    /// <summary>
    /// Adds the column <paramref name="outputColumnName"/> (Single[364]: [rep_s ; u ; q ; c]; Single[256] with the paper's rep) from a DUPN network trained,
    /// when the pipeline is fitted, on every pre-training task (ctr, l2r, ppp, follow) of
    /// <paramref name="trainingData"/> for <paramref name="epochs"/> epochs on histories of the last
    /// <paramref name="historyLength"/> behaviours (the input columns then have N = <paramref name="historyLength"/>).
    /// Everything else has the defaults of <see cref="DupnUserEmbeddingTrainingOptions"/>.
    /// </summary>
    public static DupnUserEmbeddingTrainingEstimator DupnUserEmbedding(this TransformsCatalog catalog, Dataset trainingData,
        string outputColumnName = DupnUserEmbeddingOptions.DefaultOutputColumnName, int epochs = 3, int historyLength = 100)
    {
        ArgumentNullException.ThrowIfNull(trainingData);
        return catalog.DupnUserEmbedding(new DupnUserEmbeddingTrainingOptions
        {
            DatasetFolder = trainingData.Folder,
            Training = new DupnModelTrainingOptions
            {
                Featurizer = new BehaviorFeaturizerOptions { MaxHistory = historyLength },
                Trainer = new DupnTrainerOptions { Epochs = epochs },
            },
            Embedding = new DupnUserEmbeddingOptions { OutputColumnName = outputColumnName },
        });
    }
}
