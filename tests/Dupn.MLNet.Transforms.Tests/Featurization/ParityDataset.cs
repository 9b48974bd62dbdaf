using System.Text;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Tests.Featurization;

/// <summary>
/// A seeded dataset held both as C# records (the truth the reference featuriser reads) and written as a
/// dataset folder (what the fast path reads). It has what the fast path must get right: duplicate
/// behaviours, equal timestamps, a shuffled log, users without behaviours or with rows before their
/// first one, ids seen once (OOV at MinCount 2) and never, more than N behaviours, more than K tags
/// and Q query tokens, quoted fields, CRLF and LF line ends, and more rows than one join batch.
/// </summary>
internal sealed class ParityDataset
{
    public sealed record Event(string User, long Time, string Item, string Shop, string Brand, string Category, string Tags, string Type, string Scene);

    public sealed record Request(DupnTask Task, string User, long Time, string Query, string Item, string Shop, string Brand,
        string Category, string Tags, string Features, string Type, string Label, string Level, string Talent, string TalentTags);

    private const long Start = 1_700_000_000;
    private static readonly long[] Offsets = [0, 0, 30, 60, 61, 200, 1800, 3600, 3600, 7200, 90_000, 700_000];
    private static readonly string[] Types = ["click", "click", "cart", "fav", "buy", "share"];
    private static readonly string[] Scenes = ["search", "recommend", "promo,x", "", "say \"hi\""];
    private static readonly string[] FeatureTexts = ["0.9447", "-1.1379", "1", "0", "-0", "1e-3", "123456789.5", ".5", "0.30000001", "-0.0001"];

    public List<Event> Log { get; } = [];
    public Dictionary<string, string[]> Profiles { get; } = new(StringComparer.Ordinal);
    public string[] ProfileColumns { get; } = ["gender", "age_level"];
    public List<Request> Requests { get; } = [];

    public static ParityDataset Generate(int seed)
    {
        var rng = new Random(seed);
        var data = new ParityDataset();
        string Pick(string[] values) => values[rng.Next(values.Length)];
        string Tags(string prefix) => string.Join("|", Enumerable.Range(0, rng.Next(0, 6)).Select(_ => rng.Next(8) == 0 ? "" : prefix + rng.Next(9)));
        long Time() => Start + Offsets[rng.Next(Offsets.Length)] + rng.Next(3) * 86_400 * (rng.Next(2));

        for (int u = 0; u < 40; u++)
        {
            string user = "u" + u;
            int count = u % 7 == 0 ? 0 : rng.Next(1, 40);
            for (int i = 0; i < count; i++)
            {
                if (i > 0 && rng.Next(10) == 0)
                {
                    data.Log.Add(data.Log[^1]); // an exact duplicate: a real repeated event, kept
                    continue;
                }
                string item = rng.Next(15) == 0 ? $"once{u}_{i}" : "i" + rng.Next(70); // seen once: OOV at MinCount 2
                data.Log.Add(new Event(user, Time(), item, rng.Next(6) == 0 ? "" : "s" + rng.Next(12),
                    "b" + rng.Next(9), "c" + rng.Next(5), Tags("t"), Pick(Types), Pick(Scenes)));
            }
            if (u % 4 != 3)
                data.Profiles[user] = [rng.Next(3) == 0 ? "" : "g" + rng.Next(2), "a" + rng.Next(7)];
        }
        // Shuffled: the index must sort each user's behaviours by time, ties in file order.
        var shuffled = data.Log.OrderBy(_ => rng.Next()).ToList();
        data.Log.Clear();
        data.Log.AddRange(shuffled);

        string[] users = [.. Enumerable.Range(0, 40).Select(u => "u" + u), "ghost0", "ghost1"];
        string Query() => string.Join(rng.Next(4) == 0 ? "  " : " ", Enumerable.Range(0, rng.Next(0, 7)).Select(_ => "q" + rng.Next(6)));
        string Features() => string.Join("|", Enumerable.Range(0, 3).Select(_ => rng.Next(3) == 0 ? Pick(FeatureTexts) : (rng.NextDouble() * 4 - 2).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var (task, rows) in new[] { (DupnTask.Ctr, 700), (DupnTask.L2r, 700), (DupnTask.Ppp, 60), (DupnTask.Follow, 60), (DupnTask.ShopPref, 60) })
        {
            for (int r = 0; r < rows; r++)
            {
                string user = users[rng.Next(users.Length)];
                long time = Time() + (rng.Next(5) == 0 ? -1 : 0);
                data.Requests.Add(new Request(task, user, time, Query(),
                    rng.Next(8) == 0 ? "never-seen" : "i" + rng.Next(70), "s" + rng.Next(14), "b" + rng.Next(9), "c" + rng.Next(6), Tags("t"),
                    Features(), Pick(Types), rng.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    (1 + rng.Next(7)).ToString(System.Globalization.CultureInfo.InvariantCulture), "k" + rng.Next(5), Tags("kt")));
            }
        }
        return data;
    }

    /// <summary>Writes the folder: behaviors.csv, users.csv and a train file per task (ctr also as test).</summary>
    public void Write(string folder, int seed)
    {
        var rng = new Random(seed);
        string End() => rng.Next(3) == 0 ? "\r\n" : "\n";
        var log = new StringBuilder(string.Join(",", DatasetSchema.BehaviorColumns) + "\n");
        foreach (var e in Log)
            log.Append(Line(e.User, e.Time.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Item, e.Shop, e.Brand, e.Category, e.Tags, e.Type, e.Scene)).Append(End());
        File.WriteAllText(Path.Combine(folder, DatasetSchema.BehaviorsFile), log.ToString());

        var users = new StringBuilder("user_id," + string.Join(",", ProfileColumns) + "\n");
        foreach (var (user, values) in Profiles)
            users.Append(Line([user, .. values])).Append(End());
        File.WriteAllText(Path.Combine(folder, DatasetSchema.UsersFile), users.ToString());

        foreach (var group in Requests.GroupBy(r => r.Task))
        {
            var text = new StringBuilder(string.Join(",", DatasetSchema.TaskColumns(group.Key)) + "\n");
            foreach (var r in group)
                text.Append(Line(Fields(r))).Append(End());
            File.WriteAllText(Path.Combine(folder, DatasetSchema.FileName(group.Key, DatasetSplit.Train)), text.ToString());
            if (group.Key == DupnTask.Ctr)
                File.WriteAllText(Path.Combine(folder, DatasetSchema.FileName(group.Key, DatasetSplit.Test)), text.ToString());
        }
    }

    private static string[] Fields(Request r)
    {
        string[] head = [r.User, r.Time.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Query];
        return r.Task switch
        {
            DupnTask.Ctr => [.. head, r.Item, r.Shop, r.Brand, r.Category, r.Tags, r.Label],
            DupnTask.L2r => [.. head, r.Item, r.Shop, r.Brand, r.Category, r.Tags, r.Features, r.Type, r.Label],
            DupnTask.Ppp => [.. head, r.Level],
            DupnTask.Follow => [.. head, r.Talent, r.TalentTags, r.Label],
            _ => [.. head, r.Shop, r.Label],
        };
    }

    private static string Line(params string[] fields) => string.Join(",", fields.Select(Quote));

    private static string Quote(string field) =>
        field.Contains(',') || field.Contains('"') ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
