namespace Dupn.MLNet;

/// <summary>The file names and exact headers of the dataset folder format (docs/dataset-format.md); Parquet files use the same base names and column names.</summary>
public static class DatasetSchema
{
    public const string BehaviorsFile = "behaviors.csv";
    public const string UsersFile = "users.csv";

    /// <summary>The extension of CSV dataset files.</summary>
    public const string CsvExtension = ".csv";

    /// <summary>The extension of Parquet dataset files: the same base names as the CSV files.</summary>
    public const string ParquetExtension = ".parquet";

    /// <summary>
    /// The latest timestamp accepted: 2100-01-01T00:00:00Z in unix seconds. Anything later is far more
    /// likely milliseconds or microseconds written as seconds than a real event.
    /// </summary>
    public const long MaxTimestamp = 4_102_444_800;

    /// <summary>The header of behaviors.csv, in order.</summary>
    public static readonly string[] BehaviorColumns =
        ["user_id", "timestamp", "item_id", "shop_id", "brand_id", "category_id", "tags", "behavior_type", "scene"];

    /// <summary>The position of each field in a behaviors.csv record (the order of <see cref="BehaviorColumns"/>).</summary>
    public static class BehaviorField
    {
        public const int UserId = 0, Timestamp = 1, Item = 2, Shop = 3, Brand = 4, Category = 5, Tags = 6, Type = 7, Scene = 8;
    }

    /// <summary>The columns every task file starts with.</summary>
    public static readonly string[] TaskPrefixColumns = ["user_id", "timestamp", "query"];

    /// <summary>`&lt;task&gt;.train.csv` or `&lt;task&gt;.test.csv`.</summary>
    public static string FileName(DupnTask task, DatasetSplit split) =>
        $"{DupnTaskNames.Of(task)}.{(split == DatasetSplit.Train ? "train" : "test")}.csv";

    /// <summary>The task file's name in <paramref name="format"/>: `&lt;task&gt;.train.parquet` for Parquet.</summary>
    public static string FileName(DupnTask task, DatasetSplit split, DatasetFileFormat format) =>
        InFormat(FileName(task, split), format);

    /// <summary>A dataset file name (one of the `.csv` names above) with the extension of <paramref name="format"/>.</summary>
    public static string InFormat(string csvFileName, DatasetFileFormat format)
    {
        if (!csvFileName.EndsWith(CsvExtension, StringComparison.Ordinal))
            throw new ArgumentException($"'{csvFileName}' is not a dataset file name ending in {CsvExtension}.", nameof(csvFileName));
        return format == DatasetFileFormat.Csv ? csvFileName : csvFileName[..^CsvExtension.Length] + ParquetExtension;
    }

    /// <summary>The format of a dataset file by its extension: `.parquet` (any case) is Parquet, anything else CSV.</summary>
    public static DatasetFileFormat FormatOf(string path) =>
        path.EndsWith(ParquetExtension, StringComparison.OrdinalIgnoreCase) ? DatasetFileFormat.Parquet : DatasetFileFormat.Csv;

    /// <summary>The full header of a task file, in order.</summary>
    public static string[] TaskColumns(DupnTask task) => [.. TaskPrefixColumns, .. task switch
    {
        DupnTask.Ctr => new[] { "item_id", "shop_id", "brand_id", "category_id", "tags", "label" },
        DupnTask.L2r => new[] { "item_id", "shop_id", "brand_id", "category_id", "tags", "features", "behavior_type", "label" },
        DupnTask.Ppp => new[] { "level" },
        DupnTask.Follow => new[] { "talent_id", "talent_tags", "label" },
        DupnTask.ShopPref => new[] { "shop_id", "label" },
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    }];

    /// <summary>Splits a `|`-separated list, dropping empty tokens (an empty field is an empty list).</summary>
    public static string[] SplitList(string field) =>
        field.Length == 0 ? [] : field.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary><see cref="SplitList(string)"/> of characters (a string per token, none for the field).</summary>
    internal static string[] SplitList(ReadOnlySpan<char> field)
    {
        if (field.IsEmpty)
            return [];
        int count = 0;
        foreach (var token in new SeparatedTokens(field, '|'))
            if (!token.IsEmpty)
                count++;
        var result = new string[count];
        int i = 0;
        foreach (var token in new SeparatedTokens(field, '|'))
            if (!token.IsEmpty)
                result[i++] = new string(token);
        return result;
    }

    /// <summary>Splits a space-separated query, dropping empty tokens.</summary>
    public static string[] SplitQuery(string field) =>
        field.Length == 0 ? [] : field.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
