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
            return mlContext.Data.CreateEnumerable<ViewRow>(view, reuseRowObject: false).Select(r => r.ToFeaturizedRow()).ToList();
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"DupnUserEmbeddingTrainingOptions.TaskDataViews: {what} is not a featurised view (the output of FeaturizeBehaviorSequence, Int32 indices): {e.Message}", e);
        }
    }

    // The featurised columns, by the names and types FeaturizeBehaviorSequence gives them.
    private sealed class ViewRow
    {
        public string UserId { get; set; } = "";
        public long Timestamp { get; set; }
        public int[] Query { get; set; } = [];
        public int[] HistoryItem { get; set; } = [];
        public int[] HistoryShop { get; set; } = [];
        public int[] HistoryBrand { get; set; } = [];
        public int[] HistoryCategory { get; set; } = [];
        public int[] HistoryTags { get; set; } = [];
        public int[] HistoryType { get; set; } = [];
        public int[] HistoryScene { get; set; } = [];
        public int[] HistoryTime { get; set; } = [];
        public int[] Profile { get; set; } = [];
        public int Item { get; set; }
        public int Shop { get; set; }
        public int Brand { get; set; }
        public int Category { get; set; }
        public int[] ItemTags { get; set; } = [];
        public float[] RankingFeatures { get; set; } = [];
        public int BehaviorType { get; set; }
        public int Talent { get; set; }
        public int[] TalentTags { get; set; } = [];
        public int TargetShop { get; set; }
        public float Label { get; set; }
        public int Level { get; set; }

        public FeaturizedRow ToFeaturizedRow() => new()
        {
            UserId = UserId, Timestamp = Timestamp, Query = Query,
            HistoryItem = HistoryItem, HistoryShop = HistoryShop, HistoryBrand = HistoryBrand, HistoryCategory = HistoryCategory,
            HistoryTags = HistoryTags, HistoryType = HistoryType, HistoryScene = HistoryScene, HistoryTime = HistoryTime,
            Profile = Profile, Item = Item, Shop = Shop, Brand = Brand, Category = Category, ItemTags = ItemTags,
            RankingFeatures = RankingFeatures, BehaviorType = BehaviorType, Talent = Talent, TalentTags = TalentTags,
            TargetShop = TargetShop, Label = Label, Level = Level,
        };
    }
}
