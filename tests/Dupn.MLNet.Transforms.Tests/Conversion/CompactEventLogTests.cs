using Dupn.MLNet.Transforms.Conversion;

namespace Dupn.MLNet.Tests.Conversion;

public class CompactEventLogTests
{
    [Fact]
    public void EventsRoundTripAndGroupByUserAsLinqGroupByDoes()
    {
        var rng = new Random(11);
        var plain = new List<LogEvent>();
        var compact = new CompactEventLog();
        for (int i = 0; i < 3000; i++)
        {
            var e = new LogEvent("u" + rng.Next(57), 1_500_000_000 + rng.Next(1000), "i" + rng.Next(300), "c" + rng.Next(9),
                rng.Next(3) == 0 ? "" : "s" + rng.Next(5), "b" + rng.Next(4), rng.Next(2) == 0 ? "" : "t1|t2", rng.Next(2) == 0 ? "click" : "buy", "");
            plain.Add(e);
            compact.Add(e.User, e.Time, e.Item, e.Category, e.Shop, e.Brand, e.Tags, e.Type, e.Scene);
        }
        Assert.Equal(plain, compact.ToList());
        Assert.Equal(plain.Select(e => e.User).Distinct().Count(), compact.UserCount);

        var (order, starts) = compact.ByUser();
        var groups = plain.Select((e, i) => (e, i)).GroupBy(p => p.e.User, StringComparer.Ordinal).ToList();
        Assert.Equal(groups.Count + 1, starts.Length);
        for (int u = 0; u < groups.Count; u++)
        {
            Assert.Equal(groups[u].Key, compact.UserName(u));
            Assert.Equal(groups[u].Select(p => p.i), order[starts[u]..starts[u + 1]]);
        }
        // Interned item ids are equal exactly when the item strings are.
        for (int n = 0; n < 2000; n++)
        {
            int a = rng.Next(plain.Count), b = rng.Next(plain.Count);
            Assert.Equal(plain[a].Item == plain[b].Item, compact.ItemOf(a) == compact.ItemOf(b));
        }
    }
}
