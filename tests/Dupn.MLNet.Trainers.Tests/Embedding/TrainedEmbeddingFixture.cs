using System.Diagnostics;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Tests;
using Dupn.MLNet.Trainers.Training;
using Microsoft.ML;

namespace Dupn.MLNet.Trainers.Tests.Embedding;

/// <summary>
/// One training Fit shared by the estimator's tests: a small generated dataset (150 users), N = 20,
/// 2 epochs, one libtorch thread; the pipeline input is the dataset's SHOP_PREF rows, featurised
/// beforehand with a featuriser passed to the estimator (so the rows and the model share vocabularies).
/// </summary>
public sealed class TrainedEmbeddingFixture : IDisposable
{
    public const int HistoryLength = 20;
    private readonly TempDir _temp = RepoPaths.NewTempDir();

    public TrainedEmbeddingFixture()
    {
        DatasetFolder = Path.Combine(_temp.Path, "data");
        TaobaoLikeGenerator.Generate(DatasetFolder, new TaobaoLikeGeneratorOptions { Users = 150, Seed = 7 });
        Dataset = Dataset.Open(DatasetFolder);
        Featurizer = BehaviorFeaturizer.Fit(Dataset, new BehaviorFeaturizerOptions { MaxHistory = HistoryLength });
        MLContext = new MLContext(seed: 0);
        Train = DupnShopPreferenceRows.Load(MLContext, Featurizer, Featurizer.Transform(Dataset, DupnTask.ShopPref, DatasetSplit.Train));
        Test = DupnShopPreferenceRows.Load(MLContext, Featurizer, Featurizer.Transform(Dataset, DupnTask.ShopPref, DatasetSplit.Test));

        Estimator = MLContext.Transforms.DupnUserEmbedding(Options());
        var clock = Stopwatch.StartNew();
        Result = Estimator.FitAndTrain(Train);
        FitSeconds = clock.Elapsed.TotalSeconds;
    }

    public string DatasetFolder { get; }
    public Dataset Dataset { get; }
    public BehaviorFeaturizer Featurizer { get; }
    public MLContext MLContext { get; }
    public IDataView Train { get; }
    public IDataView Test { get; }
    public DupnUserEmbeddingTrainingEstimator Estimator { get; }
    public DupnUserEmbeddingTrainingResult Result { get; }
    public double FitSeconds { get; }
    public string TempPath => _temp.Path;

    /// <summary>The options of the shared Fit (a fresh object each call, for tests that change one thing).</summary>
    public DupnUserEmbeddingTrainingOptions Options() => new()
    {
        DatasetFolder = DatasetFolder,
        Featurizer = Featurizer,
        Training = new DupnModelTrainingOptions
        {
            Featurizer = new BehaviorFeaturizerOptions { MaxHistory = HistoryLength },
            Trainer = new DupnTrainerOptions { Epochs = 2, Threads = 1, UseCuda = false, Seed = 3 },
        },
    };

    public void Dispose() => _temp.Dispose();
}
