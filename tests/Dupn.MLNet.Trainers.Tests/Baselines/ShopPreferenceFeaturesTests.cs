using Dupn.MLNet.Tests;
using Dupn.MLNet.Trainers.Baselines;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Tests.Baselines;

/// <summary>The store-preference baseline's aggregates count what a log's own behaviour types say.</summary>
public class ShopPreferenceFeaturesTests
{
    [Fact]
    public void TaobaoTypesFillTheirOwnSlots()
    {
        var ds = Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset"));
        var f = BehaviorFeaturizer.Fit(ds);
        var row = f.Transform(ds, DupnTask.ShopPref, DatasetSplit.Test).Single(); // u2 at 1700090000, candidate s3
        var features = new ShopPreferenceFeatures(f, ShopCatalog.Fit(f, [row])).Compute(row);
        // Slots click, fav, cart, buy; u2's history: two favs in s2, one buy in s3.
        int Count(int match, int type) => (int)features[(match * 4 + type) * 4];
        Assert.Equal(1, Count(match: 0, type: 3)); // the buy in the candidate shop
        Assert.Equal(0, Count(match: 0, type: 1)); // the favs are in another shop
        Assert.Equal([0f, 2f, 0f, 1f], features[(2 * 4 * 4 + 2)..^1]); // behaviours per type
    }

    [Fact]
    public void OtherTypesUseTheLogsMostFrequentTypes()
    {
        // A MovieLens-like log: like and view, no click/fav/cart/buy. Before, every count was 0.
        using var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir.Path, "behaviors.csv"),
            "user_id,timestamp,item_id,shop_id,brand_id,category_id,tags,behavior_type,scene\n" +
            "u1,100,m1,drama,,drama,,like,\nu1,200,m2,drama,,drama,,view,\nu1,300,m3,comedy,,comedy,,view,\nu1,400,m4,drama,,drama,,view,\n");
        File.WriteAllText(Path.Combine(dir.Path, "shop_pref.train.csv"), "user_id,timestamp,query,shop_id,label\nu1,500,,drama,1\n");
        File.WriteAllText(Path.Combine(dir.Path, "shop_pref.test.csv"), "user_id,timestamp,query,shop_id,label\nu1,500,,comedy,0\n");
        var ds = Dataset.Open(dir.Path);
        var f = BehaviorFeaturizer.Fit(ds);
        var row = f.Transform(ds, DupnTask.ShopPref, DatasetSplit.Train).Single();
        var features = new ShopPreferenceFeatures(f, ShopCatalog.Fit(f, [row])).Compute(row);
        // Slot 0 = view (3 of them, the most frequent), slot 1 = like.
        int Count(int match, int type) => (int)features[(match * 4 + type) * 4];
        Assert.Equal(2, Count(match: 0, type: 0)); // views of drama
        Assert.Equal(1, Count(match: 0, type: 1)); // the like of drama
        Assert.Equal([3f, 1f, 0f, 0f], features[(2 * 4 * 4 + 2)..^1]);
    }
}
