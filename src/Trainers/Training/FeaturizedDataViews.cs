using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// Reads featurised data views (the Int32 columns <c>FeaturizeBehaviorSequence</c> writes) back into
/// <see cref="FeaturizedRow"/>s, the form the trainer batches.
/// </summary>
internal static class FeaturizedDataViews
{
    public static DupnTrainingData ToTrainingData(MLContext mlContext, IEnumerable<DupnTaskDataView> views)
    {
        var data = new DupnTrainingData();
        foreach (var view in views)
        {
            var validation = view.Validation is null ? null : Read(mlContext, view.Validation, $"the validation view of task '{view.Task}'");
            data.Add(view.Task, Read(mlContext, view.Train, $"the training view of task '{view.Task}'"), validation);
        }
        return data;
    }

    public static IReadOnlyList<FeaturizedRow> Read(MLContext mlContext, IDataView view, string what)
    {
        try
        {
            // FeaturizedRow's settable properties are exactly the featurised columns (Length is computed).
            return mlContext.Data.CreateEnumerable<FeaturizedRow>(view, reuseRowObject: false).ToList();
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"DupnUserEmbeddingTrainingOptions.TaskDataViews: {what} is not a featurised view (the output of FeaturizeBehaviorSequence, Int32 indices): {e.Message}", e);
        }
    }
}
