using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Trainers.Runtime;
using Dupn.MLNet.Trainers.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Trainers;

/// <summary>
/// The DUPN user representation as an ML.NET estimator whose <see cref="Fit"/> trains: it trains the
/// multi-task network (CTR, L2R, PPP, FOLLOW; docs/paper.md section 5) on the task data of the options,
/// exports the network's 'user' graph to ONNX, and returns the ONNX-backed embedding transform that
/// <c>mlContext.Transforms.DupnUserEmbedding(modelPath)</c> would give for that graph. The fitted
/// transform needs no libtorch, and <c>mlContext.Model.Save</c> / <c>Load</c> handle it (the graph
/// travels inside the zip).
/// </summary>
/// <remarks>
/// <para>Input and output columns (names from <see cref="DupnUserEmbeddingTrainingOptions.Embedding"/>):</para>
/// <list type="table">
/// <listheader><term>Column</term><description>Type</description></listheader>
/// <item><term>HistoryItem, HistoryShop, HistoryBrand, HistoryCategory</term><description>known-size vector of N numbers (Int32 or Int64 indices), left-aligned, 0 after the last behaviour</description></item>
/// <item><term>HistoryTags</term><description>known-size vector of N·K numbers</description></item>
/// <item><term>HistoryType, HistoryScene, HistoryTime</term><description>known-size vectors of N numbers (not read by the nobp variant)</description></item>
/// <item><term>HistoryMask</term><description>known-size vector of N numbers: 1 for a real behaviour, 0 for padding</description></item>
/// <item><term>Query</term><description>known-size vector of Q numbers</description></item>
/// <item><term>Profile</term><description>known-size vector of P numbers (only when the data has user profiles)</description></item>
/// <item><term>Output: UserEmbedding</term><description>vector of 364 <see cref="float"/> (Hidden + ProfileDim + QueryDim + CategoryDim + TagDim): rep = [attention-pooled LSTM states ; user profile ; query ; property-gated counts of the history's categories and tags]; 256 without the last two (<c>QueryInRepresentation = false</c>, <c>HistoryCountsInRepresentation = false</c>, the paper's rep)</description></item>
/// <item><term>Output: AttentionWeights (when asked)</term><description>vector of N <see cref="float"/>, 0 on padding</description></item>
/// <item><term>Output: PppProbabilities (when asked)</term><description>vector of 7 <see cref="float"/></description></item>
/// </list>
/// <para>N, K and Q are the featuriser's (defaults 100, 4, 8); <see cref="DupnShopPreferenceRows"/> and
/// <see cref="DupnPaddedRows"/> pad featurised rows to them. The input of <see cref="Fit"/> is the data
/// the pipeline runs on (its columns are checked before any training); the training data comes from the
/// options. Training is deterministic on the CPU for a given seed
/// (<see cref="Dupn.MLNet.Trainers.Training.DupnTrainerOptions.Seed"/>).</para>
/// </remarks>
public sealed class DupnUserEmbeddingTrainingEstimator : IEstimator<ITransformer>
{
    private readonly MLContext _mlContext;
    private readonly DupnUserEmbeddingTrainingOptions _options;

    /// <param name="mlContext">Where the trainer logs (subscribe to <c>mlContext.Log</c>) and the transform is built.</param>
    /// <param name="options">The training data, training options and columns; checked here.</param>
    public DupnUserEmbeddingTrainingEstimator(MLContext mlContext, DupnUserEmbeddingTrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        TrainingOptionsCheck.Validate(options);
        _mlContext = mlContext;
        _options = options;
    }

    /// <summary>The model the last <see cref="Fit"/> trained (null before): weights, featuriser, architecture, per-epoch held-out metrics.</summary>
    public DupnModel? TrainedModel => LastResult?.Model;

    /// <summary>Everything the last <see cref="Fit"/> produced (null before).</summary>
    public DupnUserEmbeddingTrainingResult? LastResult { get; private set; }

    /// <summary>Trains the network, exports its user graph and returns the fitted embedding transform.</summary>
    public ITransformer Fit(IDataView input) => FitAndTrain(input).Transformer;

    /// <summary>Like <see cref="Fit"/>, returning the trained model and the training run with the transform.</summary>
    public DupnUserEmbeddingTrainingResult FitAndTrain(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = TrainingPlanOf();
        // Check the pipeline's columns now: a wrong column should not cost a training run.
        EmbeddingInputColumns.Check(input.Schema, _options.Embedding, plan);
        if (_options.Embedding.AddPpp && !plan.Tasks.Contains(DupnTask.Ppp))
            throw new ArgumentException($"DupnUserEmbeddingTrainingOptions.Embedding.AddPpp is set but the tasks trained ({string.Join(", ", plan.Tasks)}) do not include PPP.", nameof(input));

        TorchNative.EnsureLoadable();
        var training = _options.Training;
        var rows = _options.TaskRows
            ?? (_options.TaskDataViews is { } views ? FeaturizedDataViews.ToTrainingData(_mlContext, views) : null);
        var run = rows is not null
            ? DupnModelTrainer.Train(_mlContext, _options.Featurizer!, rows, training, _options.Progress)
            : DupnModelTrainer.Train(_mlContext, plan.Dataset!, _options.Featurizer, training, _options.Progress);
        if (_options.ModelFolder is { } folder)
            run.Model.Save(folder);

        byte[] graph = run.Model.ExportOnnx(DupnGraphKind.User);
        var embedding = _options.Embedding.WithModel(graph);
        var transformer = new DupnUserEmbeddingEstimator(_mlContext, embedding).Fit(input);
        LastResult = new DupnUserEmbeddingTrainingResult(transformer, run.Model, graph, run);
        return LastResult;
    }

    /// <summary>
    /// The input columns plus the output columns; works before <see cref="Fit"/> (the sizes of
    /// vectors are not part of a <see cref="SchemaShape"/>, so nothing trained is needed).
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var o = _options.Embedding;
        EmbeddingInputColumns.Check(inputSchema, o, _options.Training.Variant);

        // SchemaShape.Column has no public constructor, so the output columns (Single vectors of
        // known size) are described by ML.NET's own propagation: ConvertType of the mask (a
        // known-size vector, checked above) to Single has exactly that shape.
        IEstimator<ITransformer> outputs = _mlContext.Transforms.Conversion.ConvertType(o.OutputColumnName, o.HistoryMaskColumnName, DataKind.Single);
        if (o.AddAttention)
            outputs = outputs.Append(_mlContext.Transforms.Conversion.ConvertType(o.AttentionColumnName, o.HistoryMaskColumnName, DataKind.Single));
        if (o.AddPpp)
            outputs = outputs.Append(_mlContext.Transforms.Conversion.ConvertType(o.PppColumnName, o.HistoryMaskColumnName, DataKind.Single));
        return outputs.GetOutputSchema(inputSchema);
    }

    private EmbeddingTrainingPlan TrainingPlanOf()
    {
        var training = _options.Training;
        if (_options.DatasetFolder is { } folder)
        {
            var dataset = Dataset.Open(folder);
            var tasks = DupnModelTrainer.ResolveTasks(dataset, training);
            var featurizerOptions = _options.Featurizer?.Options ?? training.Featurizer;
            int? profiles = _options.Featurizer?.ProfileColumns.Count;
            return new EmbeddingTrainingPlan(dataset, tasks, training.Variant, featurizerOptions, profiles);
        }
        var names = _options.TaskRows?.Tasks.Select(t => t.Task) ?? _options.TaskDataViews!.Select(v => v.Task);
        var featurizer = _options.Featurizer!;
        var builtIn = names.SelectMany(name => DupnTaskNames.All.Where(t => DupnTaskNames.Of(t) == name)).ToArray();
        return new EmbeddingTrainingPlan(null, training.Tasks ?? builtIn, training.Variant, featurizer.Options, featurizer.ProfileColumns.Count);
    }
}
