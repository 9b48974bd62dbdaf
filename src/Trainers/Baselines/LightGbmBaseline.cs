using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// ML.NET's LightGbm on aggregated history features (<see cref="AggregateFeatures"/>): the strongest
/// classical peer a .NET user would try before a sequence model.
/// </summary>
public sealed class LightGbmBaseline : IDupnBaseline
{
    private readonly MLContext _mlContext;
    private readonly int _leaves;
    private readonly int _iterations;

    public LightGbmBaseline(MLContext mlContext, int numberOfLeaves = 31, int numberOfIterations = 200)
    {
        _mlContext = mlContext;
        _leaves = numberOfLeaves;
        _iterations = numberOfIterations;
    }

    public string Name => "lightgbm";

    public bool Supports(DupnTask task) => true;

    public BaselinePredictions FitPredict(DupnTask task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test)
    {
        var features = AggregateFeatures.Fit(task, train);
        var schema = SchemaDefinition.Create(typeof(DenseRow));
        schema[nameof(DenseRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Length);
        DenseRow ToRow(FeaturizedRow r) => new() { Features = features.Compute(r), Label = r.Label > 0.5f, Level = r.Level };
        IDataView trainView = _mlContext.Data.LoadFromEnumerable(train.Select(ToRow), schema);
        IDataView testView = _mlContext.Data.LoadFromEnumerable(test.Select(ToRow), schema);

        if (task == DupnTask.Ppp)
        {
            var pipeline = _mlContext.Transforms.Conversion.MapValueToKey("LabelKey", nameof(DenseRow.Level),
                    keyData: _mlContext.Data.LoadFromEnumerable(LevelRow.AllLevels()))
                .Append(_mlContext.MulticlassClassification.Trainers.LightGbm("LabelKey", nameof(DenseRow.Features),
                    numberOfLeaves: _leaves, numberOfIterations: _iterations));
            var scored = pipeline.Fit(trainView).Transform(testView);
            return BaselinePredictions.Multiclass(_mlContext.Data.CreateEnumerable<MulticlassScore>(scored, reuseRowObject: false)
                .Select(s => s.Score).ToArray());
        }
        else
        {
            var trainer = _mlContext.BinaryClassification.Trainers.LightGbm(nameof(DenseRow.Label), nameof(DenseRow.Features),
                numberOfLeaves: _leaves, numberOfIterations: _iterations);
            var scored = trainer.Fit(trainView).Transform(testView);
            return BaselinePredictions.Binary(_mlContext.Data.CreateEnumerable<BinaryScore>(scored, reuseRowObject: false)
                .Select(s => s.Probability).ToArray());
        }
    }

    private sealed class DenseRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
        public float Level { get; set; }
    }
}
