using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML;
using Microsoft.ML.Data;

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
            var rows = mlContext.Data.CreateEnumerable<FeaturizedRow>(view, reuseRowObject: false).ToList();
            if (view.Schema.GetColumnOrNull(BehaviorSequenceFeaturizingEstimator.HistoryMaskColumnName) is null)
                return rows;
            // Histories come padded to N: keep each row's L behaviours (the mask's ones), the form the trainer batches.
            using var masks = view.GetColumn<float[]>(BehaviorSequenceFeaturizingEstimator.HistoryMaskColumnName).GetEnumerator();
            for (int r = 0; r < rows.Count && masks.MoveNext(); r++)
                rows[r] = Trim(rows[r], masks.Current.Count(m => m > 0));
            return rows;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"DupnUserEmbeddingTrainingOptions.TaskDataViews: {what} is not a featurised view (the output of FeaturizeBehaviorSequence, Int32 indices): {e.Message}", e);
        }
    }

    private static FeaturizedRow Trim(FeaturizedRow row, int length)
    {
        if (length == row.HistoryItem.Length)
            return row;
        int k = row.HistoryItem.Length == 0 ? 0 : row.HistoryTags.Length / row.HistoryItem.Length;
        return new FeaturizedRow
        {
            UserId = row.UserId, Timestamp = row.Timestamp,
            HistoryItem = row.HistoryItem[..length], HistoryShop = row.HistoryShop[..length], HistoryBrand = row.HistoryBrand[..length],
            HistoryCategory = row.HistoryCategory[..length], HistoryTags = row.HistoryTags[..(length * k)], HistoryType = row.HistoryType[..length],
            HistoryScene = row.HistoryScene[..length], HistoryTime = row.HistoryTime[..length],
            Query = row.Query, Profile = row.Profile, Item = row.Item, Shop = row.Shop, Brand = row.Brand, Category = row.Category,
            ItemTags = row.ItemTags, RankingFeatures = row.RankingFeatures, BehaviorType = row.BehaviorType, Talent = row.Talent,
            TalentTags = row.TalentTags, TargetShop = row.TargetShop, Label = row.Label, Level = row.Level,
        };
    }
}
