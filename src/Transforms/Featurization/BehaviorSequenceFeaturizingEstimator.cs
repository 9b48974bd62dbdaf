using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// The ML.NET face of <see cref="BehaviorFeaturizer"/>: maps the raw columns of <see cref="BehaviorSequenceRow"/>
/// (from <c>mlContext.Data.LoadBehaviorSequences</c>) in place to Int32 network indices (0 padding,
/// 1 OOV/missing, 2.. vocabulary), buckets HistoryTime and adds the history mask, so that
/// <c>DupnUserEmbedding</c> (and any learner) can follow in the same pipeline. Fitting learns the
/// vocabularies from the input (or takes those of a fitted <see cref="BehaviorFeaturizer"/>) and returns
/// a chain of built-in ML.NET transformers, so the result saves and loads with
/// <c>mlContext.Model.Save/Load</c> (vocabularies included) and gives identical output.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Column</term><description>Input → output</description></listheader>
/// <item><term>HistoryItem, HistoryShop, HistoryBrand, HistoryCategory, HistoryType, HistoryScene</term><description>Text[N] → Int32[N]: N slots, a user's L behaviours first, <see cref="BehaviorSequenceRow.Padding"/> after.</description></item>
/// <item><term>HistoryTags</term><description>Text[N·K] → Int32[N·K].</description></item>
/// <item><term>HistoryTime</term><description>Int64[N] (gap in seconds) → Int32[N] bucket index, 0 on padding.</description></item>
/// <item><term>HistoryMask (added)</term><description>Single[N]: 1 for the first L slots, 0 after.</description></item>
/// <item><term>Query, Profile, ItemTags, TalentTags</term><description>Text[Q], Text[P], Text[K], Text[K] → Int32 of the same size.</description></item>
/// <item><term>Item, Shop, Brand, Category, BehaviorType, Talent, TargetShop</term><description>Text → Int32.</description></item>
/// </list>
/// The history columns must be fixed-size vectors (ML.NET keeps the size through the chain, which an
/// ONNX model needs): <c>LoadBehaviorSequences</c> declares them, and <see cref="BehaviorSequenceRow.SchemaDefinition(int, int, int, int)"/>
/// does for rows of your own (pad them with <see cref="BehaviorSequenceRows.Pad"/>). Vector columns map
/// through ML.NET's <c>MapValueToKey</c> (the vocabulary is its key data) and a small ONNX graph that turns
/// keys into indices (<c>ApplyOnnxModel</c>); scalar columns through <c>MapValue</c> and <c>Expression</c>.
/// </remarks>
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

    // The per-behaviour columns: fixed-size vectors of N (tags N·K) that must agree on N.
    private static readonly string[] HistoryColumns = ["HistoryItem", "HistoryShop", "HistoryBrand", "HistoryCategory", "HistoryTags", "HistoryType", "HistoryScene", "HistoryTime"];

    /// <summary>The name of the history-mask column the featuriser adds (what <c>DupnUserEmbedding</c> reads by default).</summary>
    public const string HistoryMaskColumnName = "HistoryMask";

    // Temporary columns of the index graph's outputs (copied over the inputs, then dropped).
    private const string IndexPrefix = "dupn_index_";

    // ValueMapping gives 0 to unknown keys; the map stores index + 1 (padding 1), so x == 0 ? 1 : x - 1
    // restores the convention: unknown/missing 1, padding 0, vocabulary 2..
    private const string IndexFix = "x => x == 0 ? 1 : x - 1";

    // Stands in the key data for a vocabulary entry spelled like the padding token: it keeps the
    // entry's slot (so indices stay 2 + i) and matches no input value.
    private const string ReservedTerm = "\0<dupn:reserved>";

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
        return Build(featurizer, name => input.Schema[name].Type is VectorDataViewType { IsKnownSize: true } v ? v.Size : null).Fit(input);
    }

    /// <summary>The output schema: every mapped column becomes Int32 (vectors stay vectors of the same size), plus the Single mask.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var kinds = new Dictionary<string, SchemaShape.Column.VectorKind>();
        foreach (var name in MappedColumns)
        {
            var column = inputSchema.FirstOrDefault(c => c.Name == name);
            if (column.Name is null)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"FeaturizeBehaviorSequence needs the input column '{name}' (see BehaviorSequenceRow).");
            if (HistoryColumns.Contains(name) && column.Kind != SchemaShape.Column.VectorKind.Vector)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Input column '{name}' is {column.Kind}; the history columns must be fixed-size vectors of N slots.");
            kinds[name] = column.Kind;
        }
        // The shape has no sizes: build the chain with one slot per vector (sizes do not change the schema's kinds and types).
        int? Size(string name) => kinds[name] == SchemaShape.Column.VectorKind.Vector ? 1 : null;
        return Build(_featurizer ?? Empty(_options), Size).GetOutputSchema(inputSchema);
    }

    private static void CheckInput(DataViewSchema schema)
    {
        int historyLength = -1;
        string? first = null;
        foreach (var name in MappedColumns)
        {
            var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(schema), $"FeaturizeBehaviorSequence needs the input column '{name}' (see BehaviorSequenceRow).");
            var item = column.Type is VectorDataViewType vector ? vector.ItemType : column.Type;
            var expected = name == "HistoryTime" ? (DataViewType)NumberDataViewType.Int64 : TextDataViewType.Instance;
            if (!item.Equals(expected))
                throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{name}' has type {column.Type}; {expected} items are expected.");
            if (!HistoryColumns.Contains(name))
                continue;
            if (column.Type is not VectorDataViewType { IsKnownSize: true } history)
                throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{name}' is {column.Type}; the history columns must be fixed-size vectors of N slots " +
                    "(load with mlContext.Data.LoadBehaviorSequences, or declare the sizes with BehaviorSequenceRow.SchemaDefinition and pad the rows with BehaviorSequenceRows.Pad).");
            if (name == "HistoryTags")
                continue;
            if (historyLength >= 0 && history.Size != historyLength)
                throw new ArgumentOutOfRangeException(nameof(schema), $"Input column '{name}' has {history.Size} slots but '{first}' has {historyLength}; every history column holds the same N.");
            historyLength = history.Size;
            first ??= name;
        }
        int tags = ((VectorDataViewType)schema["HistoryTags"].Type).Size;
        if (tags % historyLength != 0)
            throw new ArgumentOutOfRangeException(nameof(schema), $"Input column 'HistoryTags' has {tags} slots, not a multiple of N = {historyLength} (K tags per behaviour).");
    }

    // knownSize(column): the size of a fixed-size vector column, null for a scalar or a variable-length vector.
    private EstimatorChain<ITransformer> Build(BehaviorFeaturizer f, Func<string, int?> knownSize)
    {
        var t = _mlContext.Transforms;
        var chain = new EstimatorChain<ITransformer>();
        var keyed = new List<BehaviorIndexExporter.KeyColumn>();
        foreach (var (vocabulary, columns) in Groups)
        {
            bool profile = vocabulary == "profile";
            foreach (var column in columns)
            {
                if (knownSize(column) is int size)
                {
                    // Key 0 = unknown or missing, 1 = padding, 2 + i = entry i: the index graph finishes the mapping.
                    var (terms, table) = profile ? ProfileKeys(f) : (Keys(Vocabulary(f, vocabulary)), null);
                    chain = chain.Append<ITransformer>(t.Conversion.MapValueToKey(column, column, keyData: terms));
                    keyed.Add(new(column, IndexPrefix + column, size, table));
                    continue;
                }
                // Scalars (and variable-length non-history vectors, e.g. an empty Profile) map by value.
                var map = profile ? ProfileMap(f) : Map(Vocabulary(f, vocabulary));
                chain = chain.Append<ITransformer>(t.Conversion.MapValue(column, map, column));
                chain = chain.Append<ITransformer>(t.Expression(column, IndexFix, column));
            }
        }

        var graph = BehaviorIndexExporter.Build(keyed, "HistoryItem", IndexPrefix + HistoryMaskColumnName,
            "HistoryTime", IndexPrefix + "HistoryTime", f.TimeGaps.BoundsSeconds);
        var outputs = keyed.Select(k => (Graph: k.Output, Column: k.Input))
            .Append((Graph: IndexPrefix + "HistoryTime", Column: "HistoryTime"))
            .Append((Graph: IndexPrefix + HistoryMaskColumnName, Column: HistoryMaskColumnName)).ToArray();
        chain = chain.Append<ITransformer>(t.ApplyOnnxModel(outputs.Select(o => o.Graph).ToArray(),
            keyed.Select(k => k.Input).Append("HistoryTime").ToArray(), new MemoryStream(graph, writable: false)));
        foreach (var (graphOutput, column) in outputs)
            chain = chain.Append<ITransformer>(t.CopyColumns(column, graphOutput));
        return chain.Append<ITransformer>(t.DropColumns(outputs.Select(o => o.Graph).ToArray()));
    }

    // The key data of a vocabulary: padding first, then its entries in index order.
    private IDataView Keys(Vocabulary v)
    {
        var terms = new List<KeyTerm>(v.Ids.Count + 1) { new(BehaviorSequenceRow.Padding) };
        terms.AddRange(v.Ids.Select(id => new KeyTerm(id == BehaviorSequenceRow.Padding ? ReservedTerm : id)));
        return _mlContext.Data.LoadFromEnumerable(terms);
    }

    // The profile's slots share one key space ("column=value"); a table maps each key to its column's index.
    private (IDataView Terms, long[] Table) ProfileKeys(BehaviorFeaturizer f)
    {
        var terms = new List<KeyTerm> { new(BehaviorSequenceRow.Padding) };
        var table = new List<long> { Featurization.Vocabulary.OutOfVocabulary, 0 };
        for (int j = 0; j < f.ProfileColumns.Count; j++)
        {
            var ids = f.Profiles[j].Ids;
            for (int i = 0; i < ids.Count; i++)
            {
                terms.Add(new(f.ProfileColumns[j] + "=" + ids[i]));
                table.Add(i + 2);
            }
        }
        return (_mlContext.Data.LoadFromEnumerable(terms), table.ToArray());
    }

    private sealed class KeyTerm(string term)
    {
        public string Term { get; set; } = term;
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
