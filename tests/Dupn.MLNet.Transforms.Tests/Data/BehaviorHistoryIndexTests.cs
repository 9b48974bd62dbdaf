using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Tests.Data;

public class BehaviorHistoryIndexTests
{
    [Fact]
    public void HistoryIsStrictlyBeforeMostRecentNOldestFirst()
    {
        var log = new[] { 50L, 10, 30, 30, 20, 40 }.Select((t, i) => new Behavior { UserId = "u", Timestamp = t, ItemId = "i" + i, BehaviorType = "click" })
            .Append(new Behavior { UserId = "v", Timestamp = 1, ItemId = "other", BehaviorType = "buy" });
        var index = BehaviorHistoryIndex.Build(log);
        var h = index.History("u", 40, 3).ToArray();
        // before 40: 10 (i1), 20 (i4), 30 (i2), 30 (i3): the last 3, ties in file order, duplicates kept
        Assert.Equal(["i4", "i2", "i3"], h.Select(b => b.ItemId));
        Assert.Empty(index.History("u", 10, 100).ToArray());
        Assert.Empty(index.History("nobody", 100, 100).ToArray());
        Assert.Equal(6, index.History("u", 51, 100).Length);
    }

    [Fact]
    public void NoLeakageOnRandomLogs()
    {
        var rng = new Random(7);
        var log = Enumerable.Range(0, 5000).Select(_ => new Behavior
        {
            UserId = "u" + rng.Next(20), Timestamp = rng.Next(1000), ItemId = "i" + rng.Next(50), BehaviorType = "click",
        }).ToList();
        var index = BehaviorHistoryIndex.Build(log);
        for (int q = 0; q < 500; q++)
        {
            string user = "u" + rng.Next(20);
            long t = rng.Next(1000);
            int n = rng.Next(1, 60);
            var h = index.History(user, t, n).ToArray();
            Assert.All(h, b => Assert.True(b.Timestamp < t && b.UserId == user));
            var expected = log.Where(b => b.UserId == user && b.Timestamp < t).OrderBy(b => b.Timestamp).ToList();
            Assert.Equal(expected.Skip(Math.Max(0, expected.Count - n)), h);
        }
    }
}
