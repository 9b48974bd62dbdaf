namespace Dupn.MLNet.Transforms.Data;

/// <summary>Builds <see cref="BehaviorSequenceRow"/>s: the point-in-time join of a task file with the log, as raw strings.</summary>
public static class BehaviorSequenceRows
{
    /// <summary>
    /// A re-enumerable stream: every enumeration re-reads the task file and joins each row with
    /// <paramref name="index"/> (strictly earlier behaviours, the last <paramref name="maxHistory"/>).
    /// </summary>
    public static IEnumerable<BehaviorSequenceRow> Create(Dataset dataset, BehaviorHistoryIndex index, DupnTask task, DatasetSplit split,
        int maxHistory = 100, int tagsPerBehavior = 4, int queryTokens = 8)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(index);
        if (maxHistory <= 0 || tagsPerBehavior <= 0 || queryTokens <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxHistory), $"maxHistory, tagsPerBehavior and queryTokens must be positive; they are {maxHistory}, {tagsPerBehavior} and {queryTokens}.");
        // The checks above run at the call; the rows are produced lazily.
        return Rows(dataset, index, task, split, maxHistory, tagsPerBehavior, queryTokens);
    }

    private static IEnumerable<BehaviorSequenceRow> Rows(Dataset dataset, BehaviorHistoryIndex index, DupnTask task, DatasetSplit split,
        int maxHistory, int tagsPerBehavior, int queryTokens)
    {
        var users = dataset.Users;
        foreach (var row in dataset.TaskRows(task, split))
            yield return Join(row, index.History(row.UserId, row.Timestamp, maxHistory), users, tagsPerBehavior, queryTokens);
    }

    internal static BehaviorSequenceRow Join(TaskRow row, ReadOnlySpan<Behavior> history, UserProfiles users, int k, int q)
    {
        int n = history.Length;
        var result = new BehaviorSequenceRow
        {
            UserId = row.UserId,
            Timestamp = row.Timestamp,
            Query = Pad(row.Query, q),
            HistoryItem = new string[n],
            HistoryShop = new string[n],
            HistoryBrand = new string[n],
            HistoryCategory = new string[n],
            HistoryTags = new string[n * k],
            HistoryType = new string[n],
            HistoryScene = new string[n],
            HistoryTime = new long[n],
            Profile = Profile(users, row.UserId),
            Label = row.Task == DupnTask.Ppp ? 0 : row.Label,
            Level = row.Task == DupnTask.Ppp ? row.Level : 0,
        };
        for (int i = 0; i < n; i++)
        {
            var b = history[i];
            result.HistoryItem[i] = b.ItemId;
            result.HistoryShop[i] = b.ShopId;
            result.HistoryBrand[i] = b.BrandId;
            result.HistoryCategory[i] = b.CategoryId;
            result.HistoryType[i] = b.BehaviorType;
            result.HistoryScene[i] = b.Scene;
            result.HistoryTime[i] = row.Timestamp - b.Timestamp;
            for (int j = 0; j < k; j++)
                result.HistoryTags[i * k + j] = j < b.Tags.Length ? b.Tags[j] : BehaviorSequenceRow.Padding;
        }
        switch (row.Task)
        {
            case DupnTask.Ctr:
            case DupnTask.L2r:
                result.Item = row.ItemId;
                result.Shop = row.ShopId;
                result.Brand = row.BrandId;
                result.Category = row.CategoryId;
                result.ItemTags = Pad(row.Tags, k);
                if (row.Task == DupnTask.L2r)
                {
                    result.RankingFeatures = row.Features;
                    result.BehaviorType = row.BehaviorType;
                }
                break;
            case DupnTask.Follow:
                result.Talent = row.TalentId;
                result.TalentTags = Pad(row.TalentTags, k);
                break;
            case DupnTask.ShopPref:
                result.TargetShop = row.ShopId;
                break;
        }
        return result;
    }

    private static string[] Pad(string[] tokens, int width)
    {
        var result = new string[width];
        for (int i = 0; i < width; i++)
            result[i] = i < tokens.Length ? tokens[i] : BehaviorSequenceRow.Padding;
        return result;
    }

    private static string[] Profile(UserProfiles users, string user)
    {
        var values = users.Get(user);
        var result = new string[users.Columns.Count];
        for (int j = 0; j < result.Length; j++)
        {
            string value = values?[j] ?? "";
            result[j] = value.Length == 0 ? "" : users.Columns[j] + "=" + value;
        }
        return result;
    }
}
