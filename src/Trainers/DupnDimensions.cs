
namespace Dupn.MLNet.Trainers;

/// <summary>
/// The DUPN network's embedding and layer sizes, each null by default: null keeps the paper's size
/// (<see cref="DupnArchitecture"/>'s defaults, docs/network.md). The paper sized them for
/// Taobao's fields; a dataset with many more tags, or far fewer users, may want others (measured on
/// the generator's 135 tags: PPP alone learns faster with <see cref="TagDim"/> 96 than with the paper's 28,
/// EXPERIMENTS.md). The CLI sets them with <c>dupn train --dims tag=96,hidden=256</c>.
/// </summary>
public sealed class DupnDimensions
{
    /// <summary>Item-id embedding (paper: 32).</summary>
    public int? ItemDim { get; set; }
    /// <summary>Shop-id embedding (paper: 24).</summary>
    public int? ShopDim { get; set; }
    /// <summary>Brand-id embedding (paper: 24).</summary>
    public int? BrandDim { get; set; }
    /// <summary>Category embedding (paper: 16).</summary>
    public int? CategoryDim { get; set; }
    /// <summary>Tag embedding, averaged over a behaviour's tags (paper: 28).</summary>
    public int? TagDim { get; set; }
    /// <summary>Scene embedding (paper: 16).</summary>
    public int? SceneDim { get; set; }
    /// <summary>Time-gap bucket embedding (paper: 16).</summary>
    public int? TimeDim { get; set; }
    /// <summary>Behaviour-type embedding (paper: 16).</summary>
    public int? TypeDim { get; set; }
    /// <summary>Query embedding (ours: 64; the paper gives none).</summary>
    public int? QueryDim { get; set; }
    /// <summary>User-profile embedding u (paper: 128).</summary>
    public int? ProfileDim { get; set; }
    /// <summary>LSTM hidden size (paper: 128).</summary>
    public int? Hidden { get; set; }
    /// <summary>Attention's first and second hidden layers (paper: 128 and 64).</summary>
    public int? AttentionHidden1 { get; set; }
    /// <inheritdoc cref="AttentionHidden1"/>
    public int? AttentionHidden2 { get; set; }
    /// <summary>Candidate-item embedding of the CTR head (128).</summary>
    public int? ItemTowerDim { get; set; }
    /// <summary>Talent id and talent-tag embeddings of the FOLLOW head (64).</summary>
    public int? TalentDim { get; set; }
    /// <summary>Shop embedding of the SHOP_PREF head (64).</summary>
    public int? ShopPrefDim { get; set; }
    /// <summary>Hidden layer of every head (128).</summary>
    public int? HeadHidden { get; set; }
    /// <summary>
    /// Width of the history counts' own tag table (<see cref="DupnArchitecture.CountsTagDim"/>; ours, the
    /// paper has no counts): null or 0 counts the LSTM's tag embedding.
    /// </summary>
    public int? CountsTagDim { get; set; }

    // Each --dims name beside the property it sets: Names and Set both read this one table.
    private static readonly (string Name, Action<DupnDimensions, int> Assign)[] Setters =
    [
        ("item", (d, n) => d.ItemDim = n),
        ("shop", (d, n) => d.ShopDim = n),
        ("brand", (d, n) => d.BrandDim = n),
        ("category", (d, n) => d.CategoryDim = n),
        ("tag", (d, n) => d.TagDim = n),
        ("scene", (d, n) => d.SceneDim = n),
        ("time", (d, n) => d.TimeDim = n),
        ("type", (d, n) => d.TypeDim = n),
        ("query", (d, n) => d.QueryDim = n),
        ("profile", (d, n) => d.ProfileDim = n),
        ("hidden", (d, n) => d.Hidden = n),
        ("attention1", (d, n) => d.AttentionHidden1 = n),
        ("attention2", (d, n) => d.AttentionHidden2 = n),
        ("item-tower", (d, n) => d.ItemTowerDim = n),
        ("talent", (d, n) => d.TalentDim = n),
        ("shop-pref", (d, n) => d.ShopPrefDim = n),
        ("head-hidden", (d, n) => d.HeadHidden = n),
        ("counts-tag", (d, n) => d.CountsTagDim = n),
    ];

    /// <summary>The names <see cref="Set"/> takes, as the CLI's <c>--dims</c> spells them.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Setters, s => s.Name);

    /// <summary>Sets one size by its <see cref="Names"/> name (e.g. <c>tag</c>).</summary>
    public void Set(string name, int size)
    {
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The DUPN dimension '{name}' must be positive; it is {size}.");
        var setter = Array.Find(Setters, s => s.Name == name);
        if (setter.Assign is null)
            throw new ArgumentException($"'{name}' is not a DUPN dimension; the names are {string.Join(", ", Names)}.", nameof(name));
        setter.Assign(this, size);
    }

    /// <summary><paramref name="architecture"/> with the sizes set here; the others as they are.</summary>
    public DupnArchitecture ApplyTo(DupnArchitecture architecture) => architecture with
    {
        ItemDim = ItemDim ?? architecture.ItemDim,
        ShopDim = ShopDim ?? architecture.ShopDim,
        BrandDim = BrandDim ?? architecture.BrandDim,
        CategoryDim = CategoryDim ?? architecture.CategoryDim,
        TagDim = TagDim ?? architecture.TagDim,
        SceneDim = SceneDim ?? architecture.SceneDim,
        TimeDim = TimeDim ?? architecture.TimeDim,
        TypeDim = TypeDim ?? architecture.TypeDim,
        QueryDim = QueryDim ?? architecture.QueryDim,
        ProfileDim = ProfileDim ?? architecture.ProfileDim,
        Hidden = Hidden ?? architecture.Hidden,
        AttentionHidden1 = AttentionHidden1 ?? architecture.AttentionHidden1,
        AttentionHidden2 = AttentionHidden2 ?? architecture.AttentionHidden2,
        ItemTowerDim = ItemTowerDim ?? architecture.ItemTowerDim,
        TalentDim = TalentDim ?? architecture.TalentDim,
        ShopPrefDim = ShopPrefDim ?? architecture.ShopPrefDim,
        HeadHidden = HeadHidden ?? architecture.HeadHidden,
        CountsTagDim = CountsTagDim ?? architecture.CountsTagDim,
    };
}
