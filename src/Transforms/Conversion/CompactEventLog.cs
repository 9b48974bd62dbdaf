using System.Collections;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>
/// A converted log held as interned ids: every distinct string is stored once and each event is nine
/// integers (about 40 bytes, against some 200 for a record of fresh strings per event), so a converter's
/// memory grows with the distinct ids plus a small fixed cost per event. Enumerates as
/// <see cref="LogEvent"/>s made on the fly. Users are numbered densely in order of first appearance.
/// </summary>
internal sealed class CompactEventLog : IReadOnlyList<LogEvent>
{
    private readonly Dictionary<string, int> _stringIds = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, int> _userIds = new(StringComparer.Ordinal);
    private readonly List<string> _users = [];
    private readonly GrowingArray<int> _user = new();
    private readonly GrowingArray<long> _time = new();
    private readonly GrowingArray<int> _item = new();
    private readonly GrowingArray<int> _category = new();
    private readonly GrowingArray<int> _shop = new();
    private readonly GrowingArray<int> _brand = new();
    private readonly GrowingArray<int> _tags = new();
    private readonly GrowingArray<int> _type = new();
    private readonly GrowingArray<int> _scene = new();

    public int Count => _time.Count;

    /// <summary>Distinct users, in order of first appearance.</summary>
    public int UserCount => _users.Count;

    public void Add(string user, long time, string item, string category, string shop, string brand, string tags, string type, string scene)
    {
        if (!_userIds.TryGetValue(user, out int u))
        {
            u = _users.Count;
            _userIds.Add(user, u);
            _users.Add(user);
        }
        _user.Add(u);
        _time.Add(time);
        _item.Add(Intern(item));
        _category.Add(Intern(category));
        _shop.Add(Intern(shop));
        _brand.Add(Intern(brand));
        _tags.Add(Intern(tags));
        _type.Add(Intern(type));
        _scene.Add(Intern(scene));
    }

    public LogEvent this[int index] => new(_users[_user.AsSpan()[index]], _time.AsSpan()[index], _strings[_item.AsSpan()[index]],
        _strings[_category.AsSpan()[index]], _strings[_shop.AsSpan()[index]], _strings[_brand.AsSpan()[index]],
        _strings[_tags.AsSpan()[index]], _strings[_type.AsSpan()[index]], _strings[_scene.AsSpan()[index]]);

    /// <summary>The dense number of the event's user.</summary>
    public int UserOf(int index) => _user.AsSpan()[index];

    /// <summary>The event's item as an interned id: equal ids are equal items.</summary>
    public int ItemOf(int index) => _item.AsSpan()[index];

    public long TimeOf(int index) => _time.AsSpan()[index];

    public string UserName(int user) => _users[user];

    /// <summary>
    /// The events grouped by user as <c>GroupBy(e =&gt; e.User)</c> groups them (users in order of first
    /// appearance, each user's events in file order), by a counting sort: event indices, and where each
    /// user's block starts (one more entry than users).
    /// </summary>
    public (int[] Order, int[] Starts) ByUser()
    {
        var starts = new int[UserCount + 1];
        var users = _user.AsSpan();
        foreach (int u in users)
            starts[u + 1]++;
        for (int u = 0; u < UserCount; u++)
            starts[u + 1] += starts[u];
        var cursor = starts[..^1];
        var order = new int[Count];
        for (int i = 0; i < users.Length; i++)
            order[cursor[users[i]]++] = i;
        return (order, starts);
    }

    public IEnumerator<LogEvent> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Intern(string value)
    {
        if (!_stringIds.TryGetValue(value, out int id))
        {
            id = _strings.Count;
            _stringIds.Add(value, id);
            _strings.Add(value);
        }
        return id;
    }
}
