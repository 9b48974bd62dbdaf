using System.Runtime.CompilerServices;
using Dupn.MLNet.Transforms.Data;
using static Dupn.MLNet.DatasetSchema;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// Turns task rows and their point-in-time histories into <see cref="FeaturizedRow"/>s. <see cref="Fit"/>
/// learns one <see cref="Vocabulary"/> per field from the training data; <see cref="Transform(Dataset, DupnTask, DatasetSplit, SharedHistoryWindows?)"/>
/// joins each task row with the user's last N behaviours strictly before it and maps everything to
/// network indices (docs/network.md). Save/Load persist the fitted state.
/// </summary>
public sealed partial class BehaviorFeaturizer
{
    private readonly ConditionalWeakTable<Dataset, EncodedBehaviorLog> _logs = new();

    internal BehaviorFeaturizer(BehaviorFeaturizerOptions options, Vocabulary item, Vocabulary shop, Vocabulary brand,
        Vocabulary category, Vocabulary tag, Vocabulary type, Vocabulary scene, Vocabulary query, Vocabulary talent,
        Vocabulary talentTag, IReadOnlyList<string> profileColumns, IReadOnlyList<Vocabulary> profiles, int rankingFeatures)
    {
        Options = options;
        Item = item;
        Shop = shop;
        Brand = brand;
        Category = category;
        Tag = tag;
        Type = type;
        Scene = scene;
        Query = query;
        Talent = talent;
        TalentTag = talentTag;
        ProfileColumns = profileColumns;
        Profiles = profiles;
        RankingFeatures = rankingFeatures;
        TimeGaps = new TimeGapBuckets(options.TimeGapBoundsSeconds);
    }

    public BehaviorFeaturizerOptions Options { get; }
    public Vocabulary Item { get; }
    public Vocabulary Shop { get; }
    public Vocabulary Brand { get; }
    public Vocabulary Category { get; }
    public Vocabulary Tag { get; }
    /// <summary>Behaviour types (click, cart, fav, buy, and any other token seen; L2R's types too).</summary>
    public Vocabulary Type { get; }
    public Vocabulary Scene { get; }
    public Vocabulary Query { get; }
    public Vocabulary Talent { get; }
    public Vocabulary TalentTag { get; }
    /// <summary>The users.csv profile columns, in order.</summary>
    public IReadOnlyList<string> ProfileColumns { get; }
    /// <summary>One vocabulary per profile column.</summary>
    public IReadOnlyList<Vocabulary> Profiles { get; }
    /// <summary>m from the l2r training file (0 when there is none); every l2r row must have m features.</summary>
    public int RankingFeatures { get; }
    public TimeGapBuckets TimeGaps { get; }

    /// <summary>Every vocabulary, by name (item, shop, ..., profile:&lt;column&gt;), for inspection.</summary>
    public IReadOnlyList<Vocabulary> Vocabularies =>
        [Item, Shop, Brand, Category, Tag, Type, Scene, Query, Talent, TalentTag, .. Profiles];

    /// <summary>
    /// The architecture this featuriser implies: its vocabulary sizes, time-gap table, m, N, K and Q,
    /// with the paper's dimensions and no tasks. The trainer sets the tasks and the variant on it.
    /// </summary>
    public DupnArchitecture Architecture => new()
    {
        ItemVocabulary = Item.Size,
        ShopVocabulary = Shop.Size,
        BrandVocabulary = Brand.Size,
        CategoryVocabulary = Category.Size,
        TagVocabulary = Tag.Size,
        TypeVocabulary = Type.Size,
        SceneVocabulary = Scene.Size,
        QueryVocabulary = Query.Size,
        TalentVocabulary = Talent.Size,
        TalentTagVocabulary = TalentTag.Size,
        ProfileVocabularies = Profiles.Select(p => p.Size).ToArray(),
        TimeBuckets = TimeGaps.TableSize,
        RankingFeatures = RankingFeatures,
        MaxHistory = Options.MaxHistory,
        TagsPerBehavior = Options.TagsPerBehavior,
        QueryTokens = Options.QueryTokens,
    };

    /// <summary>
    /// Learns the vocabularies from behaviors.csv, users.csv and every <c>*.train.csv</c> task file of
    /// the dataset (test files are never read). Reproducible: the same data gives the same indices.
    /// </summary>
    public static BehaviorFeaturizer Fit(Dataset dataset, BehaviorFeaturizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new BehaviorFeaturizerOptions();
        options.Validate();
        var item = new VocabularyCounter("item");
        var shop = new VocabularyCounter("shop");
        var brand = new VocabularyCounter("brand");
        var category = new VocabularyCounter("category");
        var tag = new VocabularyCounter("tag");
        var type = new VocabularyCounter("type");
        var scene = new VocabularyCounter("scene");
        var query = new VocabularyCounter("query");
        var talent = new VocabularyCounter("talent");
        var talentTag = new VocabularyCounter("talent_tag");
        // The log is the big file: count straight from the fields as spans (no Behavior objects, no
        // string per field), validating exactly as the typed reader does.
        var counted = RecordParser.ReadFields(dataset.BehaviorsPath, DatasetSchema.BehaviorColumns, (f, c) =>
        {
            c.Required(f, BehaviorField.UserId);
            c.Timestamp(f, BehaviorField.Timestamp);
            var behaviorType = c.Required(f, BehaviorField.Type);
            item.Add(f[BehaviorField.Item]);
            shop.Add(f[BehaviorField.Shop]);
            brand.Add(f[BehaviorField.Brand]);
            category.Add(f[BehaviorField.Category]);
            var tags = f[BehaviorField.Tags];
            foreach (var token in new SeparatedTokens(tags, '|'))
                tag.Add(token);
            type.Add(behaviorType);
            scene.Add(f[BehaviorField.Scene]);
            return true;
        }, dataset.Options, dataset.Report);
        foreach (var _ in counted)
        {
        }
        int rankingFeatures = 0;
        foreach (var task in DupnTaskNames.All)
        {
            if (!dataset.HasTask(task, DatasetSplit.Train))
                continue;
            foreach (var row in dataset.TaskRows(task, DatasetSplit.Train))
            {
                query.AddRange(row.Query);
                switch (task)
                {
                    case DupnTask.Ctr:
                    case DupnTask.L2r:
                        item.Add(row.ItemId);
                        shop.Add(row.ShopId);
                        brand.Add(row.BrandId);
                        category.Add(row.CategoryId);
                        tag.AddRange(row.Tags);
                        if (task == DupnTask.L2r)
                        {
                            type.Add(row.BehaviorType);
                            rankingFeatures = row.Features.Length;
                        }
                        break;
                    case DupnTask.Follow:
                        talent.Add(row.TalentId);
                        talentTag.AddRange(row.TalentTags);
                        break;
                    case DupnTask.ShopPref:
                        shop.Add(row.ShopId);
                        break;
                }
            }
        }
        var users = dataset.Users;
        var profileCounters = users.Columns.Select(c => new VocabularyCounter("profile:" + c)).ToArray();
        foreach (var (_, values) in users.Rows)
            for (int j = 0; j < profileCounters.Length; j++)
                profileCounters[j].Add(values[j]);

        int min = options.MinCount, hash = options.HashBuckets;
        return new BehaviorFeaturizer(options,
            item.Build(min, hash), shop.Build(min, hash), brand.Build(min, hash), category.Build(min, 0),
            tag.Build(min, 0), type.Build(min, 0), scene.Build(min, 0), query.Build(min, 0),
            talent.Build(min, 0), talentTag.Build(min, 0),
            users.Columns.ToArray(), profileCounters.Select(c => c.Build(min, 0)).ToArray(), rankingFeatures);
    }

    /// <summary>
    /// The per-user index of the dataset's log in network indices (built once per dataset and cached
    /// while the <see cref="Dataset"/> object lives).
    /// </summary>
    public EncodedBehaviorLog IndexLog(Dataset dataset) =>
        _logs.GetValue(dataset, d => EncodedBehaviorLog.Build(d, this));

    /// <summary>
    /// Featurises a whole task file (e.g. <c>Transform(dataset, DupnTask.Ctr, DatasetSplit.Train)</c>), in file
    /// order. The list holds every row; for big files prefer <see cref="TransformStream"/>, whose memory is the log index only.
    /// </summary>
    /// <remarks>
    /// Rows with the same history window (the same user at the same timestamp: the candidates of one
    /// impression) share its arrays (<see cref="SharedHistoryWindows"/>); give the calls whose rows are
    /// kept together one <paramref name="sharedHistories"/> to share across files too (null: shared
    /// within this file).
    /// </remarks>
    public IReadOnlyList<FeaturizedRow> Transform(Dataset dataset, DupnTask task, DatasetSplit split, SharedHistoryWindows? sharedHistories = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return OrderedBatchJoin.Run(this, dataset, task, split, StreamBatchSize, StreamBatchesInFlight, sharedHistories ?? new SharedHistoryWindows()).ToList();
    }

    /// <summary>Featurises a whole task file named as in the dataset format ("ctr", "l2r", "ppp", "follow", "shop_pref").</summary>
    public IReadOnlyList<FeaturizedRow> Transform(Dataset dataset, string task, DatasetSplit split, SharedHistoryWindows? sharedHistories = null) =>
        Transform(dataset, DupnTaskNames.Parse(task), split, sharedHistories);

    /// <summary>
    /// Streams the featurised rows of a task file in file order (memory: the log index plus a few
    /// batches of rows). Parsing runs on its own thread, a few batches ahead; the joins of those
    /// batches run in parallel on the thread pool and come out in file order.
    /// </summary>
    public IEnumerable<FeaturizedRow> TransformStream(Dataset dataset, DupnTask task, DatasetSplit split)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return OrderedBatchJoin.Run(this, dataset, task, split, StreamBatchSize, StreamBatchesInFlight, sharedHistories: null);
    }

    // Small batches on purpose: every row waiting in a batch survives a gen0 collection and gets
    // promoted, and 1024-row batches, 4 in flight, made most collections gen1 (83 of 102 over a
    // million-behaviour log; 27 of 96 with 128 rows, 2 in flight). 128 rows still amortise the hand-off.
    private const int StreamBatchSize = 128;
    private const int StreamBatchesInFlight = 2;

    /// <summary>
    /// Streams the featurised rows with memory bounded by the log of one partition: users are hashed into
    /// <paramref name="partitions"/> groups written to a temporary folder (under <paramref name="tempFolder"/>,
    /// default the system temp), and each group is indexed and featurised in turn. Rows come out grouped
    /// by partition (deterministic), not in file order. For logs too big for <see cref="IndexLog"/>.
    /// </summary>
    public IEnumerable<FeaturizedRow> TransformPartitioned(Dataset dataset, DupnTask task, DatasetSplit split, int partitions, string? tempFolder = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        // Checked here, not inside the lazy Run, so a bad count fails at the call rather than at the first row.
        if (partitions < 1)
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, "At least one partition is needed.");
        return PartitionedTransform.Run(this, dataset, task, split, partitions, tempFolder);
    }

    /// <summary>Featurises one task row against an indexed log.</summary>
    public FeaturizedRow Transform(EncodedBehaviorLog log, TaskRow row) => Transform(log, row, null);

    /// <summary>Featurises one task row against an indexed log; rows featurised through the same <paramref name="sharedHistories"/> share identical windows' arrays.</summary>
    public FeaturizedRow Transform(EncodedBehaviorLog log, TaskRow row, SharedHistoryWindows? sharedHistories)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(row);
        if (log.TagsPerBehavior != Options.TagsPerBehavior)
            throw new ArgumentException("The log was indexed by a featuriser with another TagsPerBehavior.", nameof(log));
        if (row.Task == DupnTask.L2r && RankingFeatures > 0 && row.Features.Length != RankingFeatures)
            throw new ArgumentException($"L2R row of user '{row.UserId}' at {row.Timestamp} has {row.Features.Length} ranking features; the featuriser was fitted with {RankingFeatures}.", nameof(row));
        var (start, length) = log.Window(row.UserId, row.Timestamp, Options.MaxHistory);
        int k = Options.TagsPerBehavior;
        var window = sharedHistories is null
            ? Window(log, row, start, length)
            : sharedHistories.GetOrAdd(log, row.UserId, start, length, row.Timestamp, () => Window(log, row, start, length));
        bool hasItem = row.Task is DupnTask.Ctr or DupnTask.L2r;
        return new FeaturizedRow
        {
            UserId = row.UserId,
            Timestamp = row.Timestamp,
            HistoryItem = window.Item,
            HistoryShop = window.Shop,
            HistoryBrand = window.Brand,
            HistoryCategory = window.Category,
            HistoryTags = window.Tags,
            HistoryType = window.Type,
            HistoryScene = window.Scene,
            HistoryTime = window.Time,
            Query = EncodeList(Query, row.Query, Options.QueryTokens),
            Profile = window.Profile,
            Item = hasItem ? Item.IndexOf(row.ItemId) : 0,
            Shop = hasItem ? Shop.IndexOf(row.ShopId) : 0,
            Brand = hasItem ? Brand.IndexOf(row.BrandId) : 0,
            Category = hasItem ? Category.IndexOf(row.CategoryId) : 0,
            ItemTags = hasItem ? EncodeList(Tag, row.Tags, k) : [],
            RankingFeatures = row.Task == DupnTask.L2r ? (float[])row.Features.Clone() : [],
            BehaviorType = row.Task == DupnTask.L2r ? Type.IndexOf(row.BehaviorType) : 0,
            Talent = row.Task == DupnTask.Follow ? Talent.IndexOf(row.TalentId) : 0,
            TalentTags = row.Task == DupnTask.Follow ? EncodeList(TalentTag, row.TalentTags, k) : [],
            TargetShop = row.Task == DupnTask.ShopPref ? Shop.IndexOf(row.ShopId) : 0,
            Label = row.Task == DupnTask.Ppp ? 0 : row.Label,
            Level = row.Task == DupnTask.Ppp ? row.Level : 0,
        };
    }

    /// <summary>Copies of the window's columns, its time-gap buckets from the row's timestamp, and the user's profile.</summary>
    private HistoryWindow Window(EncodedBehaviorLog log, TaskRow row, int start, int length)
    {
        int k = Options.TagsPerBehavior;
        var time = new int[length];
        for (int i = 0; i < length; i++)
            time[i] = TimeGaps.IndexOf(row.Timestamp - log.Time[start + i]);
        return new HistoryWindow(
            log.Item.AsSpan(start, length).ToArray(),
            log.Shop.AsSpan(start, length).ToArray(),
            log.Brand.AsSpan(start, length).ToArray(),
            log.Category.AsSpan(start, length).ToArray(),
            log.Tags.AsSpan(start * k, length * k).ToArray(),
            log.Type.AsSpan(start, length).ToArray(),
            log.Scene.AsSpan(start, length).ToArray(),
            time,
            (int[])log.Profile(row.UserId).Clone());
    }

    /// <summary>The first <paramref name="width"/> tokens as indices, 0-padded to <paramref name="width"/>.</summary>
    internal static int[] EncodeList(Vocabulary vocabulary, string[] tokens, int width)
    {
        var result = new int[width];
        int n = Math.Min(width, tokens.Length);
        for (int i = 0; i < n; i++)
            result[i] = vocabulary.IndexOf(tokens[i]);
        return result;
    }

    /// <summary>A `|`-separated tag field into K indices (first K non-empty tags, 0-padded), without allocating.</summary>
    internal void EncodeTags(ReadOnlySpan<char> field, Span<int> destination)
    {
        destination.Clear();
        int n = 0;
        foreach (var token in new SeparatedTokens(field, '|'))
        {
            if (n == destination.Length)
                break;
            if (token.IsEmpty)
                continue;
            destination[n++] = Tag.IndexOf(token);
        }
    }

    internal int[] EncodeProfile(string[] values)
    {
        var result = new int[Profiles.Count];
        for (int j = 0; j < result.Length; j++)
            result[j] = Profiles[j].IndexOf(j < values.Length ? values[j] : null);
        return result;
    }
}
