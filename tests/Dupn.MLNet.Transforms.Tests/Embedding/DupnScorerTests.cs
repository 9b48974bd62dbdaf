using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet.Transforms.Featurization;
using static Dupn.MLNet.Transforms.Tests.Embedding.EmbeddingFixture;

namespace Dupn.MLNet.Transforms.Tests.Embedding;

/// <summary>The direct ONNX Runtime scorers: batching, split serving against the full graph, many threads.</summary>
public sealed class DupnScorerTests
{
    [Fact]
    public void BatchOfManyRowsEqualsOneRowAtATime()
    {
        var rows = Rows(37, seed: 4);
        using var scorer = new DupnUserScorer(UserGraph);
        var batch = scorer.Score(rows);
        Assert.Equal(N, batch.HistoryLength); // padded to the longest row only
        for (int r = 0; r < rows.Count; r++)
        {
            var single = scorer.Score([rows[r]]);
            Assert.Equal(rows[r].Length, single.HistoryLength);
            AssertClose(single.Embedding(0), batch.Embedding(r), 1e-5f, $"embedding row {r}");
            AssertClose(single.AttentionOf(0), batch.AttentionOf(r)[..rows[r].Length], 1e-5f, $"attention row {r}");
            Assert.All(batch.AttentionOf(r)[rows[r].Length..].ToArray(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void EmbedAllStreamsInOrderInBatches()
    {
        var rows = Rows(37, seed: 16);
        using var scorer = new DupnUserScorer(UserGraph);
        var all = scorer.Score(rows);
        var streamed = scorer.EmbedAll(rows, batchSize: 8).ToList();
        Assert.Equal(rows.Count, streamed.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            Assert.Same(rows[r], streamed[r].Row);
            AssertClose(all.Embedding(r), streamed[r].Embedding, 1e-5f, $"row {r}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.EmbedAll(rows, 0));
    }

    [Fact]
    public void SplitServingEqualsTheFullGraph()
    {
        var requests = Rows(4, seed: 5);
        var candidates = Rows(60, seed: 6).Select(DupnCandidate.FromRow).ToList();
        using var split = new DupnSplitScorer(UserGraph, ItemsGraph);
        using var full = new DupnFullScorer(FullGraph);
        foreach (var request in requests)
        {
            var a = split.ScoreCandidates(request, candidates);
            var b = full.ScoreCandidates(request, candidates);
            AssertClose(b.Ctr, a.Ctr, 1e-5f, $"ctr ({request.UserId})");
            AssertClose(b.L2r, a.L2r, 1e-5f, $"l2r ({request.UserId})");
            AssertClose(b.Follow, a.Follow, 1e-5f, $"follow ({request.UserId})");
            AssertClose(b.ShopPref, a.ShopPref, 1e-5f, $"shop_pref ({request.UserId})");
            Assert.All(new[] { a.Ctr, a.L2r, a.Follow, a.ShopPref, b.Ctr, b.L2r, b.Follow, b.ShopPref }, v => Assert.Equal(60, v!.Length));
        }
    }

    [Fact]
    public void EightThreadsGiveWhatOneThreadGives()
    {
        var rows = Rows(16, seed: 7);
        var candidates = Rows(30, seed: 8).Select(DupnCandidate.FromRow).ToList();
        using var user = new DupnUserScorer(UserGraph);
        using var split = new DupnSplitScorer(UserGraph, ItemsGraph);
        var expectedUsers = rows.Select(r => user.Score([r]).Embeddings).ToArray();
        var expectedCtr = rows.Select(r => split.ScoreCandidates(r, candidates).Ctr!).ToArray();

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (int round = 0; round < 5; round++)
                for (int i = 0; i < rows.Count; i++)
                {
                    int r = (i + t * 3) % rows.Count;
                    if (!user.Score([rows[r]]).Embeddings.AsSpan().SequenceEqual(expectedUsers[r]))
                        failures.Add($"thread {t}: user row {r}");
                    if (!split.ScoreCandidates(rows[r], candidates).Ctr!.AsSpan().SequenceEqual(expectedCtr[r]))
                        failures.Add($"thread {t}: ctr row {r}");
                }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }

    [Fact]
    public void BadRowIsNamed()
    {
        using var scorer = new DupnUserScorer(UserGraph);
        var good = Rows(2, seed: 9);
        var bad = new FeaturizedRow { UserId = "broken", HistoryItem = [2, 3], HistoryShop = [2], HistoryBrand = [2, 2], HistoryCategory = [2, 2], HistoryTags = new int[8],
            HistoryType = [2, 2], HistoryScene = [2, 2], HistoryTime = [2, 2], Profile = [2, 2] };
        var error = Assert.Throws<ArgumentException>(() => scorer.Score([good[0], good[1], bad]));
        Assert.Contains("Row 2 (user 'broken')", error.Message);
        Assert.Contains("HistoryShop has 1 entries", error.Message);

        var tooLong = Rows(1, seed: 9)[0];
        var longRow = new FeaturizedRow { HistoryItem = new int[N + 1], HistoryShop = new int[N + 1], HistoryBrand = new int[N + 1], HistoryCategory = new int[N + 1],
            HistoryTags = new int[(N + 1) * K], HistoryType = new int[N + 1], HistoryScene = new int[N + 1], HistoryTime = new int[N + 1], Profile = tooLong.Profile };
        Assert.Contains($"at most N = {N}", Assert.Throws<ArgumentException>(() => scorer.Score([longRow])).Message);

        var negative = Rows(3, seed: 10);
        negative[2].HistoryItem[0] = -1; // Gather would silently wrap this to the last row
        var range = Assert.Throws<ArgumentException>(() => scorer.Score(negative));
        Assert.Contains("Row 2 (user 'u2'): hist_item index -1 is outside its embedding table (0..61", range.Message);

        using var split = new DupnSplitScorer(UserGraph, ItemsGraph);
        var candidates = Rows(3, seed: 11).Select(DupnCandidate.FromRow).ToList();
        candidates[1] = new DupnCandidate { Item = 2, Shop = 2, Brand = 2, Category = 2, ItemTags = [2], RankingFeatures = new float[26], Talent = 2, TalentTags = [99], TargetShop = 2 };
        var talent = Assert.Throws<ArgumentException>(() => split.ScoreCandidates(good[0], candidates));
        Assert.Contains("Candidate 1: talent_tags index 99", talent.Message);
    }

    [Fact]
    public void GraphNamesMirrorTheExporter()
    {
        // Transforms may not reference Export; this pins its copy of the names to the exporter's.
        var pairs = new (string Mirror, string Export)[]
        {
            (DupnGraphNames.HistItem, DupnGraphNames.HistItem), (DupnGraphNames.HistShop, DupnGraphNames.HistShop),
            (DupnGraphNames.HistBrand, DupnGraphNames.HistBrand), (DupnGraphNames.HistCategory, DupnGraphNames.HistCategory),
            (DupnGraphNames.HistTags, DupnGraphNames.HistTags), (DupnGraphNames.HistType, DupnGraphNames.HistType),
            (DupnGraphNames.HistScene, DupnGraphNames.HistScene), (DupnGraphNames.HistTime, DupnGraphNames.HistTime),
            (DupnGraphNames.HistMask, DupnGraphNames.HistMask), (DupnGraphNames.Query, DupnGraphNames.Query),
            (DupnGraphNames.Profile, DupnGraphNames.Profile), (DupnGraphNames.UserEmbedding, DupnGraphNames.UserEmbedding),
            (DupnGraphNames.Item, DupnGraphNames.Item), (DupnGraphNames.Shop, DupnGraphNames.Shop), (DupnGraphNames.Brand, DupnGraphNames.Brand),
            (DupnGraphNames.Category, DupnGraphNames.Category), (DupnGraphNames.ItemTags, DupnGraphNames.ItemTags),
            (DupnGraphNames.RankingFeatures, DupnGraphNames.RankingFeatures), (DupnGraphNames.Talent, DupnGraphNames.Talent),
            (DupnGraphNames.TalentTags, DupnGraphNames.TalentTags), (DupnGraphNames.TargetShop, DupnGraphNames.TargetShop),
            (DupnGraphNames.Attention, DupnGraphNames.Attention), (DupnGraphNames.PppProbs, DupnGraphNames.PppProbs),
            (DupnGraphNames.Ctr, DupnGraphNames.Ctr), (DupnGraphNames.L2r, DupnGraphNames.L2r), (DupnGraphNames.Follow, DupnGraphNames.Follow),
            (DupnGraphNames.ShopPref, DupnGraphNames.ShopPref), (DupnGraphNames.MetaArchitecture, DupnGraphNames.MetaArchitecture),
            (DupnGraphNames.MetaGraph, DupnGraphNames.MetaGraph),
        };
        Assert.All(pairs, p => Assert.Equal(p.Export, p.Mirror));
    }
}
