using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Tests.Synthetic;

/// <summary>
/// Small synthetic task rows with a planted, learnable signal. Every user has one or two favourite
/// categories; their buys (and carts) are in those categories while clicks are mostly noise. The
/// CTR label of a candidate is 1 with probability 0.85 when its category is among the categories
/// of the user's buys and carts, else 0.15; L2R and FOLLOW work the same way on their candidates;
/// the PPP level is a function of the user's first favourite category. Only the history carries
/// the signal, so a model must read the sequence (and the behaviour type) to beat AUC 0.5.
/// </summary>
internal sealed class SyntheticDupnData
{
    public const int Categories = 6;
    public const int Items = 48;      // item i has category i % Categories
    public const int Shops = 12;
    public const int Brands = 10;
    public const int Tags = 8;
    public const int Scenes = 3;
    public const int TypeClick = 2, TypeFav = 3, TypeCart = 4, TypeBuy = 5;

    private readonly Random _random;
    private readonly int _maxHistory;

    public SyntheticDupnData(int seed, int maxHistory = 12)
    {
        _random = new Random(seed);
        _maxHistory = maxHistory;
    }

    /// <summary>A tiny architecture matching the generator's vocabularies.</summary>
    public static DupnArchitecture Architecture(DupnVariant variant = DupnVariant.All, int dim = 8, int hidden = 16, int maxHistory = 12, bool batchNorm = false) => new()
    {
        ItemVocabulary = Items, ShopVocabulary = Shops, BrandVocabulary = Brands, CategoryVocabulary = Categories,
        TagVocabulary = Tags, TypeVocabulary = 4, SceneVocabulary = Scenes, QueryVocabulary = 5,
        TalentVocabulary = Categories, TalentTagVocabulary = Tags, ProfileVocabularies = [2, 3],
        ItemDim = dim, ShopDim = dim, BrandDim = dim, CategoryDim = dim, TagDim = dim,
        SceneDim = dim / 2, TimeDim = dim / 2, TypeDim = dim, QueryDim = dim, ProfileDim = hidden,
        Hidden = hidden, AttentionHidden1 = hidden, AttentionHidden2 = dim, ItemTowerDim = hidden,
        TalentDim = dim, ShopPrefDim = dim, HeadHidden = hidden, RankingFeatures = 3,
        MaxHistory = maxHistory, TagsPerBehavior = 2, QueryTokens = 3, Variant = variant, UseBatchNorm = batchNorm,
        Tasks = [DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow],
    };

    /// <summary>The paper's dimensions (DupnArchitecture defaults) over the generator's vocabularies.</summary>
    public static DupnArchitecture PaperArchitecture(DupnVariant variant = DupnVariant.All) => new()
    {
        ItemVocabulary = Items, ShopVocabulary = Shops, BrandVocabulary = Brands, CategoryVocabulary = Categories,
        TagVocabulary = Tags, TypeVocabulary = 4, SceneVocabulary = Scenes, QueryVocabulary = 5,
        TalentVocabulary = Categories, TalentTagVocabulary = Tags, ProfileVocabularies = [2, 3],
        RankingFeatures = 3, TagsPerBehavior = 2, QueryTokens = 3, Variant = variant,
        Tasks = [DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow],
    };

    /// <summary>Train and held-out rows of the four tasks.</summary>
    public static Dupn.MLNet.Trainers.Training.DupnTrainingData TrainingData(int trainRows, int validationRows, int seed = 17)
    {
        var train = new SyntheticDupnData(seed);
        var held = new SyntheticDupnData(seed + 1000);
        return new Dupn.MLNet.Trainers.Training.DupnTrainingData()
            .Add(DupnTask.Ctr, train.Ctr(trainRows), held.Ctr(validationRows))
            .Add(DupnTask.L2r, train.L2r(trainRows), held.L2r(validationRows))
            .Add(DupnTask.Ppp, train.Ppp(trainRows), held.Ppp(validationRows))
            .Add(DupnTask.Follow, train.Follow(trainRows), held.Follow(validationRows));
    }

    private static int CategoryOf(int item) => (item - 2) % Categories;

    private sealed record User(string Id, int[] Favourites, int[] Profile, FeaturizedRow History, HashSet<int> BoughtCategories);

    private User NewUser(int n, int? length = null)
    {
        int first = _random.Next(Categories);
        int[] favourites = _random.NextDouble() < 0.5 ? [first] : [first, (first + 1 + _random.Next(Categories - 1)) % Categories];
        int len = length ?? _random.Next(1, _maxHistory + 1);
        var items = new int[len]; var types = new int[len]; var tags = new int[len * 2];
        var bought = new HashSet<int>();
        for (int s = 0; s < len; s++)
        {
            double u = _random.NextDouble();
            int type = u < 0.55 ? TypeClick : u < 0.65 ? TypeFav : u < 0.8 ? TypeCart : TypeBuy;
            int category = type is TypeBuy or TypeCart ? favourites[_random.Next(favourites.Length)] : _random.Next(Categories);
            int item = 2 + category + Categories * _random.Next(Items / Categories);
            items[s] = item;
            types[s] = type;
            tags[2 * s] = 2 + item % Tags;
            tags[2 * s + 1] = _random.NextDouble() < 0.5 ? 2 + (item / 3) % Tags : 0;
            if (type is TypeBuy or TypeCart)
                bought.Add(category);
        }
        var history = new FeaturizedRow
        {
            HistoryItem = items,
            HistoryShop = items.Select(i => 2 + i % Shops).ToArray(),
            HistoryBrand = items.Select(i => 2 + (i * 7) % Brands).ToArray(),
            HistoryCategory = items.Select(i => 2 + CategoryOf(i)).ToArray(),
            HistoryTags = tags,
            HistoryType = types,
            HistoryScene = items.Select(_ => 2 + _random.Next(Scenes)).ToArray(),
            HistoryTime = items.Select(_ => 2 + _random.Next(7)).ToArray(),
        };
        int[] profile = [2 + _random.Next(2), 2 + _random.Next(3)];
        return new User($"u{n}", favourites, profile, history, bought);
    }

    private float Noisy(bool positive) => _random.NextDouble() < (positive ? 0.85 : 0.15) ? 1f : 0f;

    /// <summary>CTR rows: one candidate item per row.</summary>
    public List<FeaturizedRow> Ctr(int count) => Enumerable.Range(0, count).Select(n =>
    {
        var user = NewUser(n);
        int item = 2 + _random.Next(Items);
        return Copy(user, item, label: Noisy(user.BoughtCategories.Contains(CategoryOf(item))));
    }).ToList();

    /// <summary>L2R rows: candidate item, 3 ranking features (the first informative), a behaviour type.</summary>
    public List<FeaturizedRow> L2r(int count) => Enumerable.Range(0, count).Select(n =>
    {
        var user = NewUser(n);
        int item = 2 + _random.Next(Items);
        float label = Noisy(user.BoughtCategories.Contains(CategoryOf(item)));
        float[] features = [label > 0 ? 0.4f + 0.6f * (float)_random.NextDouble() : 0.6f * (float)_random.NextDouble(), (float)_random.NextDouble(), 1f];
        int type = label > 0 ? (_random.NextDouble() < 0.3 ? TypeBuy : TypeClick) : TypeClick;
        return Copy(user, item, label: label, ranking: features, behaviorType: type);
    }).ToList();

    /// <summary>PPP rows: level 1..7 from the user's first favourite category.</summary>
    public List<FeaturizedRow> Ppp(int count) => Enumerable.Range(0, count).Select(n =>
    {
        var user = NewUser(n);
        return Copy(user, 0, level: 1 + user.Favourites[0]);
    }).ToList();

    /// <summary>FOLLOW rows: a talent per category; followed when the category was bought.</summary>
    public List<FeaturizedRow> Follow(int count) => Enumerable.Range(0, count).Select(n =>
    {
        var user = NewUser(n);
        int category = _random.Next(Categories);
        return Copy(user, 0, talent: 2 + category, label: Noisy(user.BoughtCategories.Contains(category)));
    }).ToList();

    /// <summary>A row with an empty history (for the edge-case tests).</summary>
    public FeaturizedRow EmptyHistoryRow()
    {
        var user = NewUser(0, length: 0);
        return Copy(user, 2);
    }

    private FeaturizedRow Copy(User user, int item, float label = 0, int level = 0, float[]? ranking = null, int behaviorType = 0, int talent = 0)
    {
        var h = user.History;
        var row = new FeaturizedRow
        {
            UserId = user.Id,
            HistoryItem = h.HistoryItem, HistoryShop = h.HistoryShop, HistoryBrand = h.HistoryBrand,
            HistoryCategory = h.HistoryCategory, HistoryTags = h.HistoryTags, HistoryType = h.HistoryType,
            HistoryScene = h.HistoryScene, HistoryTime = h.HistoryTime,
            Query = [2 + _random.Next(5), 0, 0],
            Profile = user.Profile,
            Item = item,
            Shop = item == 0 ? 0 : 2 + item % Shops,
            Brand = item == 0 ? 0 : 2 + (item * 7) % Brands,
            Category = item == 0 ? 0 : 2 + CategoryOf(item),
            ItemTags = item == 0 ? [0, 0] : [2 + item % Tags, 0],
            RankingFeatures = ranking ?? [0f, 0f, 0f],
            BehaviorType = behaviorType,
            Talent = talent,
            TalentTags = talent == 0 ? [0, 0] : [talent, 0],
            Label = label,
            Level = level,
        };
        return row;
    }
}
