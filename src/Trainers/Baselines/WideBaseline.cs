using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// The paper's "Wide" model: logistic regression over hashed sparse features and cross features
/// (<see cref="WideFeatures"/>, FNV-1a into 2^hashBits slots), trained with ML.NET's L-BFGS learners. L2R also gets the item's
/// ranking features; PPP uses multinomial logistic regression.
/// </summary>
public sealed class WideBaseline : IDupnBaseline
{
    private readonly MLContext _mlContext;
    private readonly int _hashBits;
    private readonly float _l2;

    /// <param name="mlContext">Seeded context (determinism comes from its seed).</param>
    /// <param name="hashBits">Bits of the feature hash: 2^bits weights.</param>
    /// <param name="l2">L2 regularisation of the logistic regression.</param>
    public WideBaseline(MLContext mlContext, int hashBits = 18, float l2 = 1f)
    {
        if (hashBits is < 8 or > 30)
            throw new ArgumentOutOfRangeException(nameof(hashBits), hashBits, "hashBits must be between 8 and 30.");
        _mlContext = mlContext;
        _hashBits = hashBits;
        _l2 = l2;
    }

    public string Name => "wide";

    public bool Supports(DupnTask task) => true;

    public BaselinePredictions FitPredict(DupnTask task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test)
    {
        int ranking = task == DupnTask.L2r && train.Count > 0 ? train[0].RankingFeatures.Length : 0;
        var schema = SchemaDefinition.Create(typeof(WideRow));
        schema[nameof(WideRow.Bag)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 1 << _hashBits);
        schema[nameof(WideRow.Ranking)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Math.Max(1, ranking));

        IDataView trainView = _mlContext.Data.LoadFromEnumerable(train.Select(r => ToRow(task, r, ranking)), schema);
        IDataView testView = _mlContext.Data.LoadFromEnumerable(test.Select(r => ToRow(task, r, ranking)), schema);

        var featurize = _mlContext.Transforms.Concatenate("Features", nameof(WideRow.Bag), nameof(WideRow.Ranking));

        if (task == DupnTask.Ppp)
        {
            var pipeline = featurize
                .Append(_mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(WideRow.Level),
                    keyData: _mlContext.Data.LoadFromEnumerable(LevelRow.AllLevels())))
                .Append(_mlContext.MulticlassClassification.Trainers.LbfgsMaximumEntropy("LabelKey", "Features", l2Regularization: _l2));
            var scored = pipeline.Fit(trainView).Transform(testView);
            return BaselinePredictions.Multiclass(_mlContext.Data.CreateEnumerable<MulticlassScore>(scored, reuseRowObject: false)
                .Select(s => s.Score).ToArray());
        }
        else
        {
            var pipeline = featurize.Append(_mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression(
                nameof(WideRow.Label), "Features", l2Regularization: _l2));
            var scored = pipeline.Fit(trainView).Transform(testView);
            return BaselinePredictions.Binary(_mlContext.Data.CreateEnumerable<BinaryScore>(scored, reuseRowObject: false)
                .Select(s => s.Probability).ToArray());
        }
    }

    private WideRow ToRow(DupnTask task, FeaturizedRow row, int ranking)
    {
        var values = new float[Math.Max(1, ranking)];
        if (ranking > 0)
        {
            if (row.RankingFeatures.Length != ranking)
                throw new InvalidDataException($"L2R row of user '{row.UserId}' has {row.RankingFeatures.Length} ranking features; the first training row has {ranking}.");
            Array.Copy(row.RankingFeatures, values, ranking);
        }
        return new WideRow { Bag = HashedBag(WideFeatures.Tokens(task, row)), Ranking = values, Label = row.Label > 0.5f, Level = row.Level };
    }

    // Counts of the tokens' hashes, as a sparse vector: a repeated token adds up in one slot.
    private VBuffer<float> HashedBag(string[] tokens)
    {
        var counts = new SortedDictionary<int, float>();
        foreach (int slot in FeatureHashing.Slots(tokens, _hashBits))
            counts[slot] = counts.GetValueOrDefault(slot) + 1;
        return new VBuffer<float>(1 << _hashBits, counts.Count, counts.Values.ToArray(), counts.Keys.ToArray());
    }

    private sealed class WideRow
    {
        public VBuffer<float> Bag { get; set; }
        public float[] Ranking { get; set; } = [];
        public bool Label { get; set; }
        public float Level { get; set; }
    }
}
