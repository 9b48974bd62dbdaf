namespace Dupn.MLNet.Data;

/// <summary>The file names and exact headers of the dataset folder format (docs/dataset-format.md).</summary>
public static class DatasetSchema
{
    public const string BehaviorsFile = "behaviors.csv";
    public const string UsersFile = "users.csv";

    /// <summary>
    /// The latest timestamp accepted: 2100-01-01T00:00:00Z in unix seconds. Anything later is far more
    /// likely milliseconds or microseconds written as seconds than a real event.
    /// </summary>
    public const long MaxTimestamp = 4_102_444_800;

    /// <summary>The header of behaviors.csv, in order.</summary>
    public static readonly string[] BehaviorColumns =
        ["user_id", "timestamp", "item_id", "shop_id", "brand_id", "category_id", "tags", "behavior_type", "scene"];

    /// <summary>The columns every task file starts with.</summary>
    public static readonly string[] TaskPrefixColumns = ["user_id", "timestamp", "query"];

    /// <summary>The file stem of a task: ctr, l2r, ppp, follow, shop_pref.</summary>
    public static string Name(DatasetTask task) => task switch
    {
        DatasetTask.Ctr => "ctr",
        DatasetTask.L2r => "l2r",
        DatasetTask.Ppp => "ppp",
        DatasetTask.Follow => "follow",
        DatasetTask.ShopPref => "shop_pref",
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    /// <summary>Parses a task name (ctr, l2r, ppp, follow, shop_pref; case-insensitive).</summary>
    public static DatasetTask ParseTask(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ctr" => DatasetTask.Ctr,
        "l2r" => DatasetTask.L2r,
        "ppp" => DatasetTask.Ppp,
        "follow" => DatasetTask.Follow,
        "shop_pref" or "shoppref" => DatasetTask.ShopPref,
        _ => throw new ArgumentException($"Unknown task '{name}'; expected ctr, l2r, ppp, follow or shop_pref.", nameof(name)),
    };

    /// <summary>`&lt;task&gt;.train.csv` or `&lt;task&gt;.test.csv`.</summary>
    public static string FileName(DatasetTask task, DatasetSplit split) =>
        $"{Name(task)}.{(split == DatasetSplit.Train ? "train" : "test")}.csv";

    /// <summary>The full header of a task file, in order.</summary>
    public static string[] TaskColumns(DatasetTask task) => [.. TaskPrefixColumns, .. task switch
    {
        DatasetTask.Ctr => new[] { "item_id", "shop_id", "brand_id", "category_id", "tags", "label" },
        DatasetTask.L2r => new[] { "item_id", "shop_id", "brand_id", "category_id", "tags", "features", "behavior_type", "label" },
        DatasetTask.Ppp => new[] { "level" },
        DatasetTask.Follow => new[] { "talent_id", "talent_tags", "label" },
        DatasetTask.ShopPref => new[] { "shop_id", "label" },
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    }];

    /// <summary>All tasks, in the order above.</summary>
    public static readonly DatasetTask[] AllTasks = [DatasetTask.Ctr, DatasetTask.L2r, DatasetTask.Ppp, DatasetTask.Follow, DatasetTask.ShopPref];

    /// <summary>Splits a `|`-separated list, dropping empty tokens (an empty field is an empty list).</summary>
    public static string[] SplitList(string field) =>
        field.Length == 0 ? [] : field.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary><see cref="SplitList(string)"/> of characters (a string per token, none for the field).</summary>
    internal static string[] SplitList(ReadOnlySpan<char> field)
    {
        if (field.IsEmpty)
            return [];
        int count = 0;
        foreach (var range in field.Split('|'))
            if (!field[range].IsEmpty)
                count++;
        var result = new string[count];
        int i = 0;
        foreach (var range in field.Split('|'))
            if (!field[range].IsEmpty)
                result[i++] = new string(field[range]);
        return result;
    }

    /// <summary>Splits a space-separated query, dropping empty tokens.</summary>
    public static string[] SplitQuery(string field) =>
        field.Length == 0 ? [] : field.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
