using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// The whole DUPN network built from a <see cref="DupnArchitecture"/> (docs/network.md):
/// <c>forward(batch)</c> is the user tower (embeddings, property-gated LSTM, attention, q and the
/// history's counts in rep when the architecture asks for them, optional rep_norm) and returns the
/// representation with its attention weights; <see cref="TaskOutput"/> runs one task head on it. Parameter names are the architecture's state-dict names, and
/// <see cref="ToStateDict"/> / <see cref="LoadStateDict"/> move the weights as plain arrays.
/// </summary>
public sealed class DupnNetwork : nn.Module<DupnBatch, UserRepresentation>
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly BehaviorEmbedding embeddings;
    private readonly PropertyGatedLstm lstm;
    private readonly AttentionPooling attention;
    private readonly HistoryCountPooling? counts;
    private readonly BatchNorm1d? rep_norm;
    private readonly ItemTower? item_tower;
    private readonly ConcatMlpHead? ctr, follow;
    private readonly L2rHead? l2r;
    private readonly RepHead? ppp;
    private readonly ConcatMlpHead? shop_pref;
    private readonly HistoryMatchPooling? shop_pref_matches;
    private readonly ModuleDict<TaskHead>? custom;
#pragma warning restore IDE1006
    private readonly Dictionary<string, TaskHead> _heads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomHeadDefinition> _customDefinitions = new(StringComparer.Ordinal);

    /// <summary>Builds the network for <paramref name="architecture"/>.</summary>
    /// <param name="architecture">Vocabularies, dimensions (paper defaults), variant, heads.</param>
    /// <param name="customHeads">User-defined heads on rep (none by default).</param>
    /// <param name="dropout">Dropout after every hidden fully connected output, training only (0.2: the paper's keep-prob 0.8).</param>
    public DupnNetwork(DupnArchitecture architecture, IReadOnlyList<CustomHeadDefinition>? customHeads = null, double dropout = 0.2)
        : base("dupn")
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        if (dropout < 0 || dropout >= 1)
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "Dropout must be in [0, 1).");
        Architecture = architecture;
        var arch = architecture;
        long repDim = arch.RepresentationDim;

        embeddings = new BehaviorEmbedding(arch);
        lstm = new PropertyGatedLstm(arch.ItemFeatureDim, arch.Variant.PropertyInLstm() ? arch.PropertyDim : 0, arch.Hidden);
        attention = new AttentionPooling(arch.QueryDim, arch.Variant.PropertyInAttention() ? arch.PropertyDim : 0, arch.Hidden,
            arch.ProfileDim, arch.AttentionHidden1, arch.AttentionHidden2, dropout);
        if (arch.HistoryCountsInRepresentation)
            counts = new HistoryCountPooling(arch.Variant.UsesProperty() ? arch.PropertyDim : 0);
        if (arch.UseBatchNorm)
            rep_norm = nn.BatchNorm1d(repDim);

        foreach (var task in arch.Tasks)
        {
            switch (task)
            {
                case DupnTask.Ctr:
                    item_tower = new ItemTower(arch.ItemFeatureDim, arch.ItemTowerDim);
                    ctr = new ConcatMlpHead(DupnTaskNames.Ctr, repDim, arch.ItemTowerDim, arch.HeadHidden, dropout, arch.CandidateInteraction);
                    _heads[DupnTaskNames.Ctr] = ctr;
                    break;
                case DupnTask.L2r:
                    l2r = new L2rHead(repDim, arch.HeadHidden, arch.RankingFeatures + (arch.CtrScoreAsRankingFeature ? 1 : 0), dropout, arch.SignedL2rWeights);
                    _heads[DupnTaskNames.L2r] = l2r;
                    break;
                case DupnTask.Ppp:
                    ppp = new RepHead(DupnTaskNames.Ppp, HeadObjective.MultiClass, arch.PppInputDim, arch.HeadHidden, arch.PppLevels, dropout, arch.PppLinearPath);
                    _heads[DupnTaskNames.Ppp] = ppp;
                    break;
                case DupnTask.Follow:
                    follow = new ConcatMlpHead(DupnTaskNames.Follow, repDim, 2L * arch.TalentDim, arch.HeadHidden, dropout, arch.CandidateInteraction);
                    _heads[DupnTaskNames.Follow] = follow;
                    break;
                case DupnTask.ShopPref:
                    if (arch.ShopPrefReadsHistoryMatches)
                        shop_pref_matches = new HistoryMatchPooling(arch.ShopVocabulary + 2);
                    shop_pref = new ConcatMlpHead(DupnTaskNames.ShopPref, repDim, arch.ShopPrefDim, arch.HeadHidden, dropout, arch.CandidateInteraction,
                        projectFrom: arch.ShopDim, secondHidden: arch.ShopPrefDim,
                        passThrough: arch.ShopPrefReadsHistoryMatches ? DupnArchitecture.ShopPrefMatchColumns : 0);
                    _heads[DupnTaskNames.ShopPref] = shop_pref;
                    break;
            }
        }

        if (customHeads is { Count: > 0 })
        {
            var list = new List<(string, TaskHead)>();
            foreach (var definition in customHeads)
            {
                definition.Validate();
                if (_heads.ContainsKey(definition.Name))
                    throw new ArgumentException($"Custom head '{definition.Name}' clashes with another head of that name.");
                var head = new RepHead(definition.Name, definition.Objective, repDim, definition.Hidden, definition.Outputs, dropout);
                _heads[definition.Name] = head;
                _customDefinitions[definition.Name] = definition;
                list.Add((definition.Name, head));
            }
            custom = nn.ModuleDict(list.ToArray());
        }
        RegisterComponents();

        if (arch.Variant == DupnVariant.W2v)
            embeddings.ItemTable.weight!.requires_grad = false; // w2v: pre-trained item embeddings stay frozen
    }

    /// <summary>The architecture the network was built from.</summary>
    public DupnArchitecture Architecture { get; }

    /// <summary>The heads' task names (built-in first, in the architecture's order, then custom).</summary>
    public IReadOnlyCollection<string> TaskNames => _heads.Keys;

    /// <summary>The head of <paramref name="task"/>; the error lists the heads there are.</summary>
    public TaskHead Head(string task) =>
        _heads.TryGetValue(task, out var head)
            ? head
            : throw new ArgumentException($"The network has no head '{task}'. It has: {string.Join(", ", _heads.Keys)}.");

    /// <summary>The definition of a custom head, or null for a built-in task.</summary>
    public CustomHeadDefinition? CustomHead(string task) => _customDefinitions.GetValueOrDefault(task);

    /// <summary>The embedding tables.</summary>
    public BehaviorEmbedding Embeddings => embeddings;

    /// <summary>The property-gated LSTM.</summary>
    public PropertyGatedLstm Lstm => lstm;

    /// <summary>The attention pooling.</summary>
    public AttentionPooling Attention => attention;

    /// <summary>The user tower: rep = [rep_s ; u] (normalised when rep_norm exists) and the attention weights.</summary>
    public override UserRepresentation forward(DupnBatch batch)
    {
        var user = UnnormalizedRepresentation(batch);
        return rep_norm is null ? user : user with { Rep = rep_norm.call(user.Rep) };
    }

    /// <summary>Whether rep is batch-normalised (rep_norm).</summary>
    public bool HasBatchNorm => rep_norm is not null;

    /// <summary>
    /// Re-estimates rep_norm's running mean and variance exactly over <paramref name="rows"/>
    /// (docs/paper.md section 7.3): give it an unsampled view of the traffic the model will serve, so that
    /// inference normalises with the statistics it will meet rather than those of a re-sampled
    /// training set. Mean and unbiased variance as PyTorch keeps them; no weight changes.
    /// </summary>
    public void RecomputeBatchNormStatistics(IReadOnlyList<Transforms.Featurization.FeaturizedRow> rows, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rep_norm is null)
            throw new InvalidOperationException("This network has no batch normalisation (DupnArchitecture.UseBatchNorm is false).");
        if (rows.Count < 2)
            throw new ArgumentException($"Re-estimating batch-norm statistics needs at least 2 rows; {rows.Count} were given.", nameof(rows));
        bool wasTraining = training;
        eval();
        var device = parameters().First().device;
        var collator = new DupnCollator(Architecture, ScalarType.Float32, device);
        long dim = Architecture.RepresentationDim;
        var sum = new double[dim];
        var sumSquares = new double[dim];
        using (no_grad())
        {
            foreach (var chunk in rows.Chunk(batchSize))
            {
                using var scope = NewDisposeScope();
                using var batch = collator.Collate(chunk);
                var rep = UnnormalizedRepresentation(batch).Rep.to_type(ScalarType.Float64).cpu();
                var s = rep.sum(0L).data<double>().ToArray();
                var sq = rep.pow(KeptScalars.Of(2.0)).sum(0L).data<double>().ToArray();
                for (int j = 0; j < dim; j++)
                {
                    sum[j] += s[j];
                    sumSquares[j] += sq[j];
                }
            }
            double n = rows.Count;
            var mean = sum.Select(v => v / n).ToArray();
            var variance = sumSquares.Select((v, j) => Math.Max(0, (v - n * mean[j] * mean[j]) / (n - 1))).ToArray();
            var state = named_buffers().ToDictionary(b => b.name, b => b.buffer);
            using var meanTensor = torch.tensor(mean);
            using var varianceTensor = torch.tensor(variance);
            var runningMean = state["rep_norm.running_mean"];
            var runningVar = state["rep_norm.running_var"];
            runningMean.copy_(meanTensor.to_type(runningMean.dtype).to(runningMean.device));
            runningVar.copy_(varianceTensor.to_type(runningVar.dtype).to(runningVar.device));
        }
        train(wasTraining);
    }

    /// <summary>
    /// Id dropout, training only: the probability that a history step's item, shop and brand ids
    /// are each replaced by the unknown id (1). Default 0. The high-cardinality ids let the network
    /// recognise a user's own items and memorise their labels; hiding them at random makes it lean
    /// on what generalises across items (category, tags such as the price level, the property).
    /// At inference every id is seen. Not part of the architecture: it changes no weight shape.
    /// </summary>
    public double IdDropout
    {
        get => _idDropout;
        set => _idDropout = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Id dropout must be in [0, 1).");
    }

    private double _idDropout;

    private Tensor DropIds(Tensor ids)
    {
        if (!training || _idDropout == 0)
            return ids;
        var drop = rand(ids.shape, device: ids.device).lt(KeptScalars.Of(_idDropout)).logical_and(ids.gt(KeptScalars.OfInteger(1)));
        return ids.masked_fill(drop, KeptScalars.OfInteger(1));
    }

    private UserRepresentation UnnormalizedRepresentation(DupnBatch batch)
    {
        var e = embeddings.ItemFeatures(DropIds(batch.HistItem), DropIds(batch.HistShop), DropIds(batch.HistBrand), batch.HistCategory, batch.HistTags);
        var p = embeddings.Property(batch.HistScene, batch.HistTime, batch.HistType);
        var mask = batch.HistMask.to_type(e.dtype);
        var h = lstm.Run(e, p, mask);
        var q = embeddings.Query(batch.Query);
        var u = embeddings.Profile(batch.Profile);
        var (repS, a) = attention.Pool(q, p, h, u, mask);
        var parts = new List<Tensor> { repS, u };
        if (Architecture.QueryInRepresentation)
            parts.Add(q);
        if (counts is not null)
        {
            // e_t ends with [category ; tags], the fields shared across items; the tags come from c's own
            // table when the architecture gives it one.
            var arch = Architecture;
            var shared = arch.CountsTagDim > 0
                ? cat([e.narrow(-1, arch.ItemFeatureDim - arch.TagDim - arch.CategoryDim, arch.CategoryDim), embeddings.PoolCountsTags(batch.HistTags)], -1)
                : e.narrow(-1, arch.ItemFeatureDim - arch.HistoryCountsDim, arch.HistoryCountsDim);
            parts.Add(counts.Pool(shared, counts.IsGated ? p : null, mask).Counts);
        }
        return new UserRepresentation(cat(parts.ToArray(), -1), a, h);
    }

    /// <summary>
    /// The output of <paramref name="task"/>'s head for the rows of <paramref name="batch"/>:
    /// logits [B] (binary, ranking score, regression value) or [B,k] (k classes).
    /// </summary>
    public Tensor TaskOutput(string task, Tensor rep, DupnBatch batch)
    {
        var head = Head(task);
        Tensor? candidate = task switch
        {
            DupnTaskNames.Ctr => item_tower!.call(embeddings.ItemFeatures(batch.Item, batch.Shop, batch.Brand, batch.Category, batch.ItemTags)),
            DupnTaskNames.L2r => RankingFeatures(rep, batch),
            DupnTaskNames.Follow => embeddings.Talent(batch.Talent, batch.TalentTags),
            DupnTaskNames.ShopPref => ShopPrefCandidate(batch),
            _ => null,
        };
        return head.call(task == DupnTaskNames.Ppp ? PppInput(rep) : rep, candidate);
    }

    /// <summary>
    /// Whether the SHOP_PREF head reads the history's matches with the candidate shop
    /// (<see cref="DupnArchitecture.ShopPrefReadsHistoryMatches"/>); they need <see cref="SetShopCategories"/>.
    /// </summary>
    public bool ReadsShopMatches => shop_pref_matches is not null;

    /// <summary>
    /// Which category each shop sells (shop index -> category index, the shop table's length), for the
    /// SHOP_PREF head's history matches; usually <c>ShopCatalog.Fit</c> over the training histories.
    /// </summary>
    public void SetShopCategories(IReadOnlyList<int> categoryOfShop) =>
        (shop_pref_matches ?? throw new InvalidOperationException("This network's SHOP_PREF head reads no history matches (DupnArchitecture.ShopPrefReadsHistoryMatches is false)."))
            .SetShopCategories(categoryOfShop);

    /// <summary>The SHOP_PREF head's candidate: the target shop's embedding, then the history's matches with it when the head reads them.</summary>
    private Tensor ShopPrefCandidate(DupnBatch batch)
    {
        var shop = embeddings.ShopTable.call(batch.TargetShop);
        return shop_pref_matches is null ? shop : cat([shop, ShopPrefMatches(batch).to_type(shop.dtype)], -1);
    }

    /// <summary>
    /// The history's matches with each row's candidate shop that the SHOP_PREF head reads, [B,4]:
    /// log(1 + the candidate columns g_shop, g_cat, n_shop, n_cat), gated by the history counts' property
    /// gate (<see cref="DupnArchitecture.ShopPrefReadsHistoryMatches"/>; the ONNX candidate-columns graph
    /// computes the same sums from the same weights).
    /// </summary>
    public Tensor ShopPrefMatches(DupnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (shop_pref_matches is null)
            throw new InvalidOperationException("This network's SHOP_PREF head reads no history matches (DupnArchitecture.ShopPrefReadsHistoryMatches is false).");
        var mask = batch.HistMask.to_type(embeddings.ShopTable.weight!.dtype);
        var weights = counts is { IsGated: true }
            ? counts.Weights(embeddings.Property(batch.HistScene, batch.HistTime, batch.HistType), mask)
            : mask;
        return shop_pref_matches.Pool(batch.HistShop, batch.HistCategory, weights, mask, batch.TargetShop);
    }

    /// <summary>The columns of rep the PPP head reads (<see cref="DupnArchitecture.PppInputRanges"/>): all of it, or [u ; c].</summary>
    private Tensor PppInput(Tensor rep)
    {
        if (!Architecture.PppReadsProfileAndCounts)
            return rep;
        return cat(Architecture.PppInputRanges.Select(r => rep.narrow(-1, r.Start, r.Width)).ToArray(), -1);
    }

    /// <summary>
    /// r, or r' = [r ; s_ctr] with <see cref="DupnArchitecture.CtrScoreAsRankingFeature"/>: the CTR
    /// head's logit for the row's item, detached so that L2R trains neither the CTR head nor rep through it.
    /// </summary>
    private Tensor RankingFeatures(Tensor rep, DupnBatch batch)
    {
        var r = batch.RankingFeatures.to_type(rep.dtype);
        if (!Architecture.CtrScoreAsRankingFeature)
            return r;
        // No graph for a value no gradient may flow through (the same as detaching it, without the autograd bookkeeping).
        Tensor ctrScore;
        using (no_grad())
            ctrScore = TaskOutput(DupnTaskNames.Ctr, rep, batch);
        return cat([r, ctrScore.unsqueeze(-1)], -1);
    }

    /// <summary>Trainable parameters (frozen ones, like w2v's item table, left out).</summary>
    public IEnumerable<Parameter> TrainableParameters() => parameters().Where(p => p.requires_grad);

    /// <summary>
    /// Parameters and buffers by state-dict name as plain float32 arrays (BatchNorm's
    /// <c>num_batches_tracked</c> counter is not a weight and is left out).
    /// </summary>
    public StateDict ToStateDict()
    {
        var dict = new StateDict();
        foreach (var (name, tensor) in NamedTensors())
        {
            using var cpuTensor = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
            dict.Add(name, tensor.shape.Select(d => checked((int)d)).ToArray(), cpuTensor.data<float>().ToArray());
        }
        return dict;
    }

    /// <summary>
    /// Copies every parameter and buffer from <paramref name="stateDict"/>, checking names and
    /// shapes; a missing name, a wrong shape or a name this network does not have is an error.
    /// </summary>
    public void LoadStateDict(StateDict stateDict)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var own = NamedTensors().ToList();
        var ownNames = own.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var unexpected = stateDict.Names.Where(n => !ownNames.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw new ArgumentException($"The state dict has tensors this network does not: {string.Join(", ", unexpected)}.");
        using (no_grad())
        {
            foreach (var (name, tensor) in own)
            {
                var source = stateDict.Get(name, tensor.shape.Select(d => checked((int)d)).ToArray());
                using var values = torch.tensor(source.Values, tensor.shape).to_type(tensor.dtype).to(tensor.device);
                tensor.copy_(values);
            }
        }
    }

    private IEnumerable<(string Name, Tensor Tensor)> NamedTensors()
    {
        foreach (var (name, p) in named_parameters())
            yield return (name, p);
        foreach (var (name, b) in named_buffers())
            if (!name.EndsWith("num_batches_tracked", StringComparison.Ordinal))
                yield return (name, b);
    }
}
