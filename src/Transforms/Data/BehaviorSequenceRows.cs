namespace Dupn.MLNet.Transforms.Data;

/// <summary>Builds <see cref="BehaviorSequenceRow"/>s: the point-in-time join of a task file with the log, as raw strings.</summary>
public static class BehaviorSequenceRows
{
    /// <summary>
    /// A re-enumerable stream: every enumeration re-reads the task file and joins each row with
    /// <paramref name="index"/> (strictly earlier behaviours, the last <paramref name="maxHistory"/>),
    /// padded to N = <paramref name="maxHistory"/> slots (see <see cref="Pad"/>).
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
            yield return Join(row, index.History(row.UserId, row.Timestamp, maxHistory), users, maxHistory, tagsPerBehavior, queryTokens);
    }

    /// <summary>
    /// Shapes a row of your own (e.g. a serving request with a user's L raw behaviours) to the sizes of
    /// <see cref="BehaviorSequenceRow.SchemaDefinition(int, int, int, int)"/>: history columns to N slots (the most recent N
    /// behaviours kept, oldest first, <see cref="BehaviorSequenceRow.Padding"/> after; HistoryTags to
    /// N·K, K per behaviour), Query to Q, ItemTags and TalentTags to K. Returns a new row; the input is
    /// not changed.
    /// </summary>
    /// <exception cref="ArgumentException">The history columns do not hold the same number of behaviours,
    /// HistoryTags is not K per behaviour, or Profile does not have P values.</exception>
    public static BehaviorSequenceRow Pad(BehaviorSequenceRow row, int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (historyLength <= 0 || tagsPerBehavior <= 0 || queryTokens <= 0 || profileColumns < 0)
            throw new ArgumentOutOfRangeException(nameof(historyLength), $"N, K and Q must be positive and P not negative; they are {historyLength}, {tagsPerBehavior}, {queryTokens} and {profileColumns}.");
        int l = row.HistoryItem.Length, k = tagsPerBehavior;
        foreach (var (name, length) in new[] { ("HistoryShop", row.HistoryShop.Length), ("HistoryBrand", row.HistoryBrand.Length), ("HistoryCategory", row.HistoryCategory.Length),
                     ("HistoryType", row.HistoryType.Length), ("HistoryScene", row.HistoryScene.Length), ("HistoryTime", row.HistoryTime.Length) })
        {
            if (length != l)
                throw new ArgumentException($"Row of user '{row.UserId}': {name} holds {length} values but HistoryItem holds {l}; every history column holds one value per behaviour.", nameof(row));
        }
        if (row.HistoryTags.Length != l * k)
            throw new ArgumentException($"Row of user '{row.UserId}': HistoryTags holds {row.HistoryTags.Length} values; {l} behaviours with K = {k} tags each need {l * k} (pad with BehaviorSequenceRow.Padding).", nameof(row));
        if (row.Profile.Length != profileColumns)
            throw new ArgumentException($"Row of user '{row.UserId}': Profile holds {row.Profile.Length} values; the model's users have P = {profileColumns} profile columns.", nameof(row));
        int skip = Math.Max(0, l - historyLength), n = l - skip;
        string[] History(string[] values, int width = 1) => PadTokens(values[(skip * width)..], historyLength * width);
        var time = new long[historyLength];
        row.HistoryTime.AsSpan(skip).CopyTo(time);
        return new BehaviorSequenceRow
        {
            UserId = row.UserId,
            Timestamp = row.Timestamp,
            Query = PadTokens(row.Query, queryTokens),
            HistoryItem = History(row.HistoryItem),
            HistoryShop = History(row.HistoryShop),
            HistoryBrand = History(row.HistoryBrand),
            HistoryCategory = History(row.HistoryCategory),
            HistoryTags = History(row.HistoryTags, k),
            HistoryType = History(row.HistoryType),
            HistoryScene = History(row.HistoryScene),
            HistoryTime = time,
            Profile = row.Profile,
            Item = row.Item,
            Shop = row.Shop,
            Brand = row.Brand,
            Category = row.Category,
            ItemTags = PadTokens(row.ItemTags, k),
            RankingFeatures = row.RankingFeatures,
            BehaviorType = row.BehaviorType,
            Talent = row.Talent,
            TalentTags = PadTokens(row.TalentTags, k),
            TargetShop = row.TargetShop,
            Label = row.Label,
            Level = row.Level,
        };
    }

    // history holds at most n behaviours; the arrays get n slots, padding after the last behaviour.
    internal static BehaviorSequenceRow Join(TaskRow row, ReadOnlySpan<Behavior> history, UserProfiles users, int n, int k, int q)
    {
        var result = new BehaviorSequenceRow
        {
            UserId = row.UserId,
            Timestamp = row.Timestamp,
            Query = PadTokens(row.Query, q),
            HistoryItem = Padded(n),
            HistoryShop = Padded(n),
            HistoryBrand = Padded(n),
            HistoryCategory = Padded(n),
            HistoryTags = Padded(n * k),
            HistoryType = Padded(n),
            HistoryScene = Padded(n),
            HistoryTime = new long[n],
            ItemTags = Padded(k),
            TalentTags = Padded(k),
            Profile = Profile(users, row.UserId),
            Label = row.Task == DupnTask.Ppp ? 0 : row.Label,
            Level = row.Task == DupnTask.Ppp ? row.Level : 0,
        };
        for (int i = 0; i < history.Length; i++)
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
                result.ItemTags = PadTokens(row.Tags, k);
                if (row.Task == DupnTask.L2r)
                {
                    result.RankingFeatures = row.Features;
                    result.BehaviorType = row.BehaviorType;
                }
                break;
            case DupnTask.Follow:
                result.Talent = row.TalentId;
                result.TalentTags = PadTokens(row.TalentTags, k);
                break;
            case DupnTask.ShopPref:
                result.TargetShop = row.ShopId;
                break;
        }
        return result;
    }

    private static string[] Padded(int width)
    {
        var result = new string[width];
        Array.Fill(result, BehaviorSequenceRow.Padding);
        return result;
    }

    private static string[] PadTokens(string[] tokens, int width)
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
