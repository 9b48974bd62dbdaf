using Dupn.MLNet.Transforms.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// The ML.NET face of <see cref="BehaviorFeaturizer"/>: maps the raw columns of <see cref="BehaviorSequenceRow"/>
/// (from <c>mlContext.Data.LoadBehaviorSequences</c>) in place to Int32 network indices (0 padding,
/// 1 OOV/missing, 2.. vocabulary) and buckets HistoryTime. Fitting learns the vocabularies from the
/// input (or takes those of a fitted <see cref="BehaviorFeaturizer"/>) and returns a chain of built-in
/// ML.NET transformers (ValueMapping with the learned map, Expression), so the result saves and loads
/// with <c>mlContext.Model.Save/Load</c> with identical output.
/// </summary>
public sealed class BehaviorSequenceFeaturizingEstimator : IEstimator<TransformerChain<ITransformer>>
{
    // Columns mapped by each vocabulary.
    private static readonly (string Vocabulary, string[] Columns)[] Groups =
    [
        ("item", ["HistoryItem", "Item"]),
        ("shop", ["HistoryShop", "Shop", "TargetShop"]),
        ("brand", ["HistoryBrand", "Brand"]),
        ("category", ["HistoryCategory", "Category"]),
        ("tag", ["HistoryTags", "ItemTags"]),
        ("type", ["HistoryType", "BehaviorType"]),
        ("scene", ["HistoryScene"]),
        ("query", ["Query"]),
        ("talent", ["Talent"]),
        ("talent_tag", ["TalentTags"]),
        ("profile", ["Profile"]),
    ];

    // ValueMapping gives 0 to unknown keys; the map stores index + 1 (padding 1), so x == 0 ? 1 : x - 1
    // restores the convention: unknown/missing 1, padding 0, vocabulary 2..
    private const string IndexFix = "x => x == 0 ? 1 : x - 1";

    private readonly MLContext _mlContext;
    private readonly BehaviorFeaturizer? _featurizer;
    private readonly BehaviorFeaturizerOptions _options;

    internal BehaviorSequenceFeaturizingEstimator(MLContext mlContext, BehaviorFeaturizer? featurizer, BehaviorFeaturizerOptions? options)
    {
        _mlContext = mlContext;
        _featurizer = featurizer;
        _options = featurizer?.Options ?? options ?? new BehaviorFeaturizerOptions();
        _options.Validate();
        if (_options.HashBuckets > 0)
            throw new ArgumentException("FeaturizeBehaviorSequence maps learned vocabularies; hashing (HashBuckets > 0) is only available in BehaviorFeaturizer.Transform.", nameof(options));
    }

    /// <summary>The raw input columns the estimator maps (those of <see cref="BehaviorSequenceRow"/>).</summary>
    public static IReadOnlyList<string> MappedColumns { get; } = Groups.SelectMany(g => g.Columns).Append("HistoryTime").ToArray();

    /// <summary>Learns the vocabularies (unless a fitted featuriser was given) and builds the transformer chain.</summary>
    public TransformerChain<ITransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        var featurizer = _featurizer ?? LearnFrom(input);
        return Build(featurizer).Fit(input);
    }

    /// <summary>The output schema: every mapped column becomes Int32 (vectors stay vectors).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var name in MappedColumns)
        {
            if (!inputSchema.Any(c => c.Name == name))
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"FeaturizeBehaviorSequence needs the input column '{name}' (see BehaviorSequenceRow).");
        }
        return Build(_featurizer ?? Empty(_options)).GetOutputSchema(inputSchema);
    }

    private static void CheckInput(DataViewSchema schema)
    {
        foreach (var name in MappedColumns)
        {
            var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"FeaturizeBehaviorSequence needs the input column '{name}' (see BehaviorSequenceRow).");
            var item = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
            var expected = name == "HistoryTime" ? (DataViewType)NumberDataViewType.Int64 : TextDataViewType.Instance;
            if (!item.Equals(expected))
                throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{name}' has type {column.Type}; {expected} items are expected.");
        }
    }

    private EstimatorChain<ITransformer> Build(BehaviorFeaturizer f)
    {
        var chain = new EstimatorChain<ITransformer>();
        foreach (var (vocabulary, columns) in Groups)
        {
            var map = vocabulary == "profile" ? ProfileMap(f) : Map(Vocabulary(f, vocabulary));
            foreach (var column in columns)
            {
                chain = chain.Append<ITransformer>(_mlContext.Transforms.Conversion.MapValue(column, map, column));
                chain = chain.Append<ITransformer>(_mlContext.Transforms.Expression(column, IndexFix, column));
            }
        }
        return chain.Append<ITransformer>(_mlContext.Transforms.Expression("HistoryTime", TimeExpression(f.TimeGaps), "HistoryTime"));
    }

    private static Vocabulary Vocabulary(BehaviorFeaturizer f, string name) => name switch
    {
        "item" => f.Item,
        "shop" => f.Shop,
        "brand" => f.Brand,
        "category" => f.Category,
        "tag" => f.Tag,
        "type" => f.Type,
        "scene" => f.Scene,
        "query" => f.Query,
        "talent" => f.Talent,
        "talent_tag" => f.TalentTag,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static List<KeyValuePair<string, int>> Map(Vocabulary v)
    {
        var map = new List<KeyValuePair<string, int>>(v.Ids.Count + 1) { new(BehaviorSequenceRow.Padding, 1) };
        for (int i = 0; i < v.Ids.Count; i++)
            if (v.Ids[i] != BehaviorSequenceRow.Padding)
                map.Add(new(v.Ids[i], i + 3));
        return map;
    }

    // One map for all profile slots: "column=value" -> that column's index + 1.
    private static List<KeyValuePair<string, int>> ProfileMap(BehaviorFeaturizer f)
    {
        var map = new List<KeyValuePair<string, int>> { new(BehaviorSequenceRow.Padding, 1) };
        for (int j = 0; j < f.ProfileColumns.Count; j++)
        {
            var ids = f.Profiles[j].Ids;
            for (int i = 0; i < ids.Count; i++)
                map.Add(new(f.ProfileColumns[j] + "=" + ids[i], i + 3));
        }
        return map;
    }

    /// <summary>The bucketing of <see cref="TimeGapBuckets.IndexOf"/> as an ML.NET expression (bounds baked in, so it persists).</summary>
    internal static string TimeExpression(TimeGapBuckets buckets)
    {
        var text = new System.Text.StringBuilder("x => x < 0 ? 1 : ");
        for (int b = 0; b < buckets.BoundsSeconds.Count; b++)
            text.Append($"x < {buckets.BoundsSeconds[b]} ? {2 + b} : ");
        text.Append(2 + buckets.BoundsSeconds.Count);
        return text.ToString();
    }

    private static BehaviorFeaturizer Empty(BehaviorFeaturizerOptions o)
    {
        Vocabulary E(string name) => new VocabularyCounter(name).Build(o.MinCount, 0);
        return new BehaviorFeaturizer(o, E("item"), E("shop"), E("brand"), E("category"), E("tag"), E("type"), E("scene"),
            E("query"), E("talent"), E("talent_tag"), [], [], 0);
    }

    // Counts every non-empty, non-padding value of the input columns (a behaviour counts once per row
    // whose history holds it) and builds a featuriser from the counts.
    private BehaviorFeaturizer LearnFrom(IDataView input)
    {
        var counters = Groups.Where(g => g.Vocabulary != "profile").ToDictionary(g => g.Vocabulary, g => new VocabularyCounter(g.Vocabulary));
        var profileCounters = new List<VocabularyCounter>();
        var profileNames = new List<string>();
        var columns = Groups.SelectMany(g => g.Columns.Select(c => (g.Vocabulary, Column: input.Schema[c]))).ToArray();
        var rankingColumn = input.Schema.GetColumnOrNull("RankingFeatures");
        int rankingFeatures = 0;
        using var cursor = input.GetRowCursor(columns.Select(c => c.Column).Concat(rankingColumn is { } rc ? [rc] : []));
        var getters = columns.Select(c => (c.Vocabulary, Getter: TextValues(cursor, c.Column))).ToArray();
        var rankingGetter = rankingColumn is { } r && r.Type is VectorDataViewType ? cursor.GetGetter<VBuffer<float>>(r) : null;
        var buffer = new List<string>();
        VBuffer<float> features = default;
        while (cursor.MoveNext())
        {
            foreach (var (vocabulary, getter) in getters)
            {
                getter(buffer);
                foreach (var value in buffer)
                {
                    if (value.Length == 0 || value == BehaviorSequenceRow.Padding)
                        continue;
                    if (vocabulary != "profile")
                    {
                        counters[vocabulary].Add(value);
                        continue;
                    }
                    int eq = value.IndexOf('=');
                    if (eq < 0)
                        throw new InvalidDataException($"Profile value '{value}' is not 'column=value' (see BehaviorSequenceRow.Profile).");
                    string name = value[..eq];
                    int j = profileNames.IndexOf(name);
                    if (j < 0)
                    {
                        profileNames.Add(name);
                        profileCounters.Add(new VocabularyCounter("profile:" + name));
                        j = profileNames.Count - 1;
                    }
                    profileCounters[j].Add(value[(eq + 1)..]);
                }
            }
            if (rankingGetter != null)
            {
                rankingGetter(ref features);
                if (features.Length > 0)
                    rankingFeatures = features.Length;
            }
        }
        int min = _options.MinCount;
        return new BehaviorFeaturizer(_options, counters["item"].Build(min, 0), counters["shop"].Build(min, 0), counters["brand"].Build(min, 0),
            counters["category"].Build(min, 0), counters["tag"].Build(min, 0), counters["type"].Build(min, 0), counters["scene"].Build(min, 0),
            counters["query"].Build(min, 0), counters["talent"].Build(min, 0), counters["talent_tag"].Build(min, 0),
            profileNames, profileCounters.Select(c => c.Build(min, 0)).ToArray(), rankingFeatures);
    }

    private static Action<List<string>> TextValues(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(column);
            VBuffer<ReadOnlyMemory<char>> value = default;
            return list =>
            {
                getter(ref value);
                list.Clear();
                foreach (var v in value.DenseValues())
                    list.Add(v.ToString());
            };
        }
        var scalar = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> one = default;
        return list =>
        {
            scalar(ref one);
            list.Clear();
            list.Add(one.ToString());
        };
    }
}
