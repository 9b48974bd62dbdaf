using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// A task row joined with its point-in-time history, as raw strings shaped to N, K and Q: the input row
/// of <c>FeaturizeBehaviorSequence</c> (load with <c>mlContext.Data.LoadBehaviorSequences</c>). Column
/// names equal the output names of the featuriser, which maps them in place to network indices.
/// Padding slots (history slots after the user's L behaviours, tags beyond a behaviour's own, query
/// beyond its tokens, fields a task does not have) hold <see cref="Padding"/>; an empty string is a
/// missing value. <see cref="BehaviorSequenceRows.Pad"/> shapes a row of your own; <see cref="SchemaDefinition(int, int, int, int)"/>
/// gives ML.NET the sizes (for <c>LoadFromEnumerable</c> or a <c>PredictionEngine</c>).
/// </summary>
public sealed class BehaviorSequenceRow
{
    /// <summary>The padding token (reserved: an id equal to it is treated as padding).</summary>
    public const string Padding = "<dupn:pad>";

    /// <summary>
    /// The schema of padded rows: the history columns N (tags N·K), Query Q, Profile P, ItemTags and
    /// TalentTags K, as fixed-size vectors, which <c>FeaturizeBehaviorSequence</c> needs. Pass it to
    /// <c>mlContext.Data.LoadFromEnumerable(rows, definition)</c> or
    /// <c>mlContext.Model.CreatePredictionEngine&lt;BehaviorSequenceRow, TOut&gt;(model, inputSchemaDefinition: definition)</c>.
    /// </summary>
    /// <param name="historyLength">N, the history slots.</param>
    /// <param name="tagsPerBehavior">K, the tags per behaviour, candidate item and talent.</param>
    /// <param name="queryTokens">Q, the query tokens.</param>
    /// <param name="profileColumns">P, the profile columns (users.csv's columns besides user_id; 0 without one).</param>
    public static SchemaDefinition SchemaDefinition(int historyLength, int tagsPerBehavior, int queryTokens, int profileColumns)
    {
        if (historyLength <= 0 || tagsPerBehavior <= 0 || queryTokens <= 0 || profileColumns < 0)
            throw new ArgumentOutOfRangeException(nameof(historyLength), $"N, K and Q must be positive and P not negative; they are {historyLength}, {tagsPerBehavior}, {queryTokens} and {profileColumns}.");
        var definition = Microsoft.ML.Data.SchemaDefinition.Create(typeof(BehaviorSequenceRow));
        void Size(string column, PrimitiveDataViewType item, int size) => definition[column].ColumnType = new VectorDataViewType(item, size);
        foreach (var column in new[] { nameof(HistoryItem), nameof(HistoryShop), nameof(HistoryBrand), nameof(HistoryCategory), nameof(HistoryType), nameof(HistoryScene) })
            Size(column, TextDataViewType.Instance, historyLength);
        Size(nameof(HistoryTags), TextDataViewType.Instance, historyLength * tagsPerBehavior);
        Size(nameof(HistoryTime), NumberDataViewType.Int64, historyLength);
        Size(nameof(Query), TextDataViewType.Instance, queryTokens);
        Size(nameof(ItemTags), TextDataViewType.Instance, tagsPerBehavior);
        Size(nameof(TalentTags), TextDataViewType.Instance, tagsPerBehavior);
        // P = 0 stays a (then always empty) variable-length vector: ML.NET has no vectors of size 0.
        if (profileColumns > 0)
            Size(nameof(Profile), TextDataViewType.Instance, profileColumns);
        return definition;
    }

    /// <summary>
    /// The schema definition matching the input schema of a saved pipeline (what <c>mlContext.Model.Load(path, out var inputSchema)</c>
    /// returns): N, K, Q and P read from its HistoryItem, HistoryTags, Query and Profile columns.
    /// </summary>
    public static SchemaDefinition SchemaDefinition(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        int Size(string column, bool optional = false)
        {
            var type = inputSchema.GetColumnOrNull(column)?.Type
                ?? throw new ArgumentException($"The input schema has no column '{column}': it is not the input of a pipeline over BehaviorSequenceRow.", nameof(inputSchema));
            return type is VectorDataViewType { IsKnownSize: true } vector ? vector.Size
                : optional ? 0 : throw new ArgumentException($"Column '{column}' of the input schema is {type}, not a fixed-size vector.", nameof(inputSchema));
        }
        int n = Size(nameof(HistoryItem));
        return SchemaDefinition(n, Size(nameof(HistoryTags)) / n, Size(nameof(Query)), Size(nameof(Profile), optional: true));
    }

    public string UserId { get; set; } = "";
    public long Timestamp { get; set; }
    /// <summary>Q query tokens, padded.</summary>
    public string[] Query { get; set; } = [];
    public string[] HistoryItem { get; set; } = [];
    public string[] HistoryShop { get; set; } = [];
    public string[] HistoryBrand { get; set; } = [];
    public string[] HistoryCategory { get; set; } = [];
    /// <summary>L·K tags, K per behaviour, padded.</summary>
    public string[] HistoryTags { get; set; } = [];
    public string[] HistoryType { get; set; } = [];
    public string[] HistoryScene { get; set; } = [];
    /// <summary>Time gap of each behaviour to the row's timestamp, in seconds (always positive; 0 in padding slots).</summary>
    public long[] HistoryTime { get; set; } = [];
    /// <summary>One `column=value` per users.csv profile column (empty when the user has none).</summary>
    public string[] Profile { get; set; } = [];
    public string Item { get; set; } = Padding;
    public string Shop { get; set; } = Padding;
    public string Brand { get; set; } = Padding;
    public string Category { get; set; } = Padding;
    /// <summary>K candidate-item tags (ctr, l2r), padded; all padding for other tasks.</summary>
    public string[] ItemTags { get; set; } = [];
    /// <summary>m L2R ranking features; empty for other tasks.</summary>
    public float[] RankingFeatures { get; set; } = [];
    public string BehaviorType { get; set; } = Padding;
    public string Talent { get; set; } = Padding;
    /// <summary>K talent tags (follow), padded; all padding for other tasks.</summary>
    public string[] TalentTags { get; set; } = [];
    public string TargetShop { get; set; } = Padding;
    public float Label { get; set; }
    public int Level { get; set; }
}
