using System.Diagnostics;
using System.Globalization;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Generation;

/// <summary>
/// Writes a deterministic Taobao-like dataset folder (behaviors.csv, users.csv and train/test files of
/// ctr, l2r, ppp, follow and shop_pref) with the planted structure documented in docs/generator.md:
/// drifting current interests visible mainly in recent buys and carts, noisy clicks, a 7-level
/// purchasing power shown by the price level of bought items, styles that drive talent follows, and
/// favourite shops. Users are generated and written one at a time, so memory does not grow with size.
/// </summary>
public static class TaobaoLikeGenerator
{
    private static readonly double[] PppProbabilities = [0.08, 0.14, 0.20, 0.22, 0.18, 0.12, 0.06];
    private static readonly string[] GenericQueryWords = ["sale", "new", "hot", "gift", "cheap", "best"];

    /// <summary>
    /// Generates into <paramref name="folder"/> (created if needed; existing dataset files are overwritten),
    /// as CSV or, with <see cref="TaobaoLikeGeneratorOptions.OutputFormat"/> Parquet, as Parquet files
    /// converted from the CSV just written.
    /// </summary>
    public static GeneratedDatasetSummary Generate(string folder, TaobaoLikeGeneratorOptions? options = null)
    {
        options ??= new TaobaoLikeGeneratorOptions();
        options.Validate();
        var clock = Stopwatch.StartNew();
        var csv = WriteCsv(folder, options);
        DatasetOutput.Finish(csv.Folder, [DatasetSchema.BehaviorsFile, DatasetSchema.UsersFile, .. csv.TaskRows.Keys], options.OutputFormat);
        return new GeneratedDatasetSummary
        {
            Folder = csv.Folder,
            Format = options.OutputFormat,
            Users = csv.Users,
            Behaviors = csv.Behaviors,
            TaskRows = DatasetOutput.Named(csv.TaskRows, options.OutputFormat),
            SplitTimestamp = csv.SplitTimestamp,
            Elapsed = clock.Elapsed,
        };
    }

    private static GeneratedDatasetSummary WriteCsv(string folder, TaobaoLikeGeneratorOptions options)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(folder);
        var catalog = new TaobaoLikeCatalog(options);
        long span = options.Days * 86_400L;
        long split = options.StartTimestamp + (long)(span * (1 - options.TestFraction));

        using var writers = new TaskWriters(name => File.CreateText(Path.Combine(folder, name)), writeHeaders: true);
        using var behaviors = CsvWriter.Create(Path.Combine(folder, DatasetSchema.BehaviorsFile));
        using var users = CsvWriter.Create(Path.Combine(folder, DatasetSchema.UsersFile));
        behaviors.WriteRecord(DatasetSchema.BehaviorColumns);
        users.WriteRecord("user_id", "gender", "age_level", "city_level");

        // Users are independent (each has its own seeded stream), so blocks of users are generated in
        // parallel into memory and appended in user order: the files are the same for any core count,
        // and memory is one wave of blocks.
        const int BlockSize = 500;
        int blocks = (options.Users + BlockSize - 1) / BlockSize;
        int wave = Math.Max(1, Environment.ProcessorCount * 2);
        long behaviorCount = 0;
        for (int first = 0; first < blocks; first += wave)
        {
            int count = Math.Min(wave, blocks - first);
            var results = new GeneratedBlock[count];
            Parallel.For(0, count, b =>
            {
                var block = new GeneratedBlock();
                var user = new UserWriter(catalog, options, block.Tasks, block.Behaviors, split);
                int end = Math.Min(options.Users, (first + b + 1) * BlockSize);
                for (int u = (first + b) * BlockSize; u < end; u++)
                    block.BehaviorCount += user.Write(new Random(UserSeed(options.Seed, u)), u, block.Users);
                results[b] = block;
            });
            foreach (var block in results)
            {
                block.AppendTo(behaviors, users, writers);
                behaviorCount += block.BehaviorCount;
            }
        }
        return new GeneratedDatasetSummary
        {
            Folder = Path.GetFullPath(folder),
            Users = options.Users,
            Behaviors = behaviorCount,
            TaskRows = writers.Counts,
            SplitTimestamp = split,
            Elapsed = clock.Elapsed,
        };
    }

    // SplitMix64 of (seed, user): independent, reproducible streams per user.
    private static int UserSeed(int seed, int user)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)user) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>One user's latent state and the writing of their behaviours and task rows.</summary>
    private sealed class UserWriter(TaobaoLikeCatalog cat, TaobaoLikeGeneratorOptions o, TaskWriters tasks, CsvWriter behaviors, long split)
    {
        private readonly int[] _interests = new int[3];
        private readonly List<long> _sessionStarts = [];
        private int _user;
        private int _ppp;
        private int _style;
        private string _userId = "";
        private Random _rng = null!;

        public long Write(Random rng, int u, CsvWriter users)
        {
            _rng = rng;
            _user = u;
            _userId = "u" + u.ToString(CultureInfo.InvariantCulture);
            _ppp = 1 + Sample(PppProbabilities);
            _style = rng.Next(o.Styles);
            for (int k = 0; k < 3; k++)
            {
                int c;
                do c = cat.PopularCategory(rng); while (Array.IndexOf(_interests, c, 0, k) >= 0);
                _interests[k] = c;
            }
            // Profile: age loosely follows purchasing power, city level inversely; gender is independent.
            int age = Math.Clamp(_ppp + (int)Math.Round(TaobaoLikeCatalog.Gaussian(rng) * 1.2), 1, 7);
            int city = Math.Clamp(5 - (_ppp - 1) * 4 / 6 + rng.Next(-1, 2), 1, 5);
            users.Write(_userId);
            users.Write(rng.NextDouble() < 0.6 ? "f" : "m");
            users.Write(age);
            users.Write(city);
            users.EndRecord();

            int sessions = Math.Max(2, (int)Math.Round(o.MeanSessionsPerUser * (0.5 + rng.NextDouble())));
            long span = o.Days * 86_400L - 7200;
            _sessionStarts.Clear();
            for (int s = 0; s < sessions; s++)
                _sessionStarts.Add(o.StartTimestamp + (long)(rng.NextDouble() * span));
            _sessionStarts.Sort();

            long written = 0;
            int current = _interests[0];
            for (int s = 0; s < sessions; s++)
            {
                if (s > 0)
                    current = NextInterest(current);
                long t = _sessionStarts[s];
                string query = Query(current, out string scene);
                if (s > 0)
                    WriteTaskRows(t, query, current);
                written += WriteSession(t, current, scene);
            }
            return written;
        }

        // Interests drift: mostly stay, sometimes switch to another interest, rarely explore a new
        // category, which then may replace one of the interests.
        private int NextInterest(int current)
        {
            double r = _rng.NextDouble();
            if (r < 0.75)
                return current;
            if (r < 0.95)
            {
                int other;
                do other = _interests[_rng.Next(3)]; while (other == current);
                return other;
            }
            int explored = cat.PopularCategory(_rng);
            if (_rng.NextDouble() < 0.5 && Array.IndexOf(_interests, explored) < 0)
                _interests[_rng.Next(3)] = explored;
            return explored;
        }

        private string Query(int current, out string scene)
        {
            double r = _rng.NextDouble();
            string query = r < 0.35
                ? (_rng.NextDouble() < 0.5 ? $"q_c{current}" : $"q_c{current} q_style{_style}")
                : r < 0.65 ? GenericQueryWords[_rng.Next(GenericQueryWords.Length)] : "";
            scene = query.Length > 0 ? "search" : _rng.NextDouble() < 0.7 ? "recommend" : "promo";
            return query;
        }

        private long WriteSession(long start, int current, string scene)
        {
            int n = 1 + _rng.Next((int)Math.Max(1, Math.Round(2 * o.MeanBehaviorsPerSession - 1)));
            long t = start;
            bool converts = _rng.NextDouble() < 0.6;
            for (int i = 0; i < n; i++)
            {
                t += 5 + _rng.Next(i == 0 ? 60 : 300);
                string type;
                int item;
                if (i == n - 1 && converts)
                {
                    type = _rng.NextDouble() < 0.55 ? "buy" : "cart";
                    item = ConvertingItem(current);
                }
                else
                {
                    double r = _rng.NextDouble();
                    type = r < 0.88 ? "click" : r < 0.93 ? "fav" : r < 0.98 ? "cart" : "buy";
                    item = type switch
                    {
                        "click" => _rng.NextDouble() < 0.5 ? cat.RandomItem(_rng, current) : cat.RandomItem(_rng, cat.PopularCategory(_rng)),
                        "fav" => _rng.NextDouble() < 0.5 ? cat.RandomItem(_rng, current) : cat.RandomItem(_rng, cat.PopularCategory(_rng)),
                        _ => ConvertingItem(current),
                    };
                }
                behaviors.Write(_userId);
                behaviors.Write(t);
                behaviors.Write(cat.ItemId[item]);
                behaviors.Write(cat.ShopId[cat.ItemShop[item]]);
                behaviors.Write(cat.BrandId[cat.ItemBrand[item]]);
                behaviors.Write(cat.CategoryId[cat.CategoryOf(item)]);
                behaviors.Write(cat.ItemTags[item]);
                behaviors.Write(type);
                behaviors.Write(scene);
                behaviors.EndRecord();
            }
            return n;
        }

        // Buys and carts: the current interest, near the user's price level, usually their style and
        // their favourite shop of that category.
        private int ConvertingItem(int current)
        {
            int category = _rng.NextDouble() < 0.95 ? current : _interests[_rng.Next(3)];
            int price = _rng.NextDouble() < 0.7 ? _ppp : Math.Clamp(_ppp + (_rng.Next(2) == 0 ? -1 : 1), 1, 7);
            var pool = cat.ByCategoryPrice[category, price];
            if (pool.Count == 0)
                pool = cat.ByCategoryPrice[category, 0];
            bool wantStyle = _rng.NextDouble() < 0.85;
            bool wantShop = _rng.NextDouble() < 0.8;
            int favourite = FavouriteShop(category);
            int best = pool[_rng.Next(pool.Count)];
            for (int tries = 0; tries < 12; tries++)
            {
                int candidate = pool[_rng.Next(pool.Count)];
                bool styleOk = !wantStyle || cat.ItemStyle[candidate] == _style;
                bool shopOk = !wantShop || cat.ItemShop[candidate] == favourite;
                if (styleOk && shopOk)
                    return candidate;
                if (styleOk || shopOk)
                    best = candidate;
            }
            return best;
        }

        // The user's favourite shop of a category: a hash of (user, category), stable under drift.
        private int FavouriteShop(int category)
        {
            uint h = (uint)(_user * 73856093) ^ (uint)(category * 19349663) ^ (uint)o.Seed;
            h ^= h >> 13;
            h *= 0x5bd1e995;
            h ^= h >> 15;
            return category * cat.ShopsPerCategory + (int)(h % (uint)cat.ShopsPerCategory);
        }

        private bool IsInterest(int category) => Array.IndexOf(_interests, category) >= 0;

        private int Candidate(int current)
        {
            if (_rng.NextDouble() < 0.5)
                return cat.RandomItem(_rng, current);
            if (_rng.NextDouble() < 0.4)
            {
                int other = _interests[_rng.Next(3)];
                if (other != current)
                    return cat.RandomItem(_rng, other);
            }
            return cat.RandomItem(_rng, cat.PopularCategory(_rng));
        }

        private void WriteTaskRows(long t, string query, int current)
        {
            bool train = t < split;
            // CTR: clicked when the candidate matches the current interest (more so near the user's price level).
            for (int k = 0; k < 2; k++)
            {
                int item = Candidate(current);
                int c = cat.CategoryOf(item);
                double p = c == current ? (Math.Abs(cat.ItemPrice[item] - _ppp) <= 1 ? 0.85 : 0.6) : IsInterest(c) ? 0.15 : 0.04;
                var w = tasks.Begin(DupnTask.Ctr, train, _userId, t, query);
                WriteItem(w, item);
                w.Write(_rng.NextDouble() < p ? 1 : 0);
                w.EndRecord();
            }
            // L2R: ranking features = [quality, one-hot price (7), category vector (8), noise]; the label
            // needs a user-dependent weighting of them (current interest, price level).
            for (int k = 0; k < 2; k++)
            {
                int item = Candidate(current);
                int c = cat.CategoryOf(item);
                double logit = -2.2 + 0.8 * cat.ItemQuality[item] + 2.5 * (c == current ? 1 : 0)
                    + 1.2 * (cat.ItemPrice[item] == _ppp ? 1 : 0) + 0.6 * (c != current && IsInterest(c) ? 1 : 0);
                bool label = _rng.NextDouble() < 1 / (1 + Math.Exp(-logit));
                var w = tasks.Begin(DupnTask.L2r, train, _userId, t, query);
                WriteItem(w, item);
                w.Write(RankingFeatures(item));
                double r = _rng.NextDouble();
                w.Write(!label ? "impression" : r < 0.15 ? "buy" : r < 0.25 ? "cart" : r < 0.30 ? "fav" : "click");
                w.Write(label ? 1 : 0);
                w.EndRecord();
            }
            if (_rng.NextDouble() < 0.3)
            {
                var w = tasks.Begin(DupnTask.Ppp, train, _userId, t, query);
                w.Write(_ppp);
                w.EndRecord();
            }
            if (_rng.NextDouble() < 0.4)
            {
                var byStyle = cat.TalentsByStyle[_style];
                int talent = _rng.NextDouble() < 0.5 && byStyle.Count > 0 ? byStyle[_rng.Next(byStyle.Count)] : _rng.Next(cat.TalentId.Length);
                double p = cat.TalentStyle[talent] == _style ? (IsInterest(cat.TalentCategory[talent]) ? 0.85 : 0.65) : 0.07;
                var w = tasks.Begin(DupnTask.Follow, train, _userId, t, query);
                w.Write(cat.TalentId[talent]);
                w.Write(cat.TalentTags[talent]);
                w.Write(_rng.NextDouble() < p ? 1 : 0);
                w.EndRecord();
            }
            if (_rng.NextDouble() < 0.4)
            {
                int shop = _rng.NextDouble() < 0.5 ? FavouriteShop(_interests[_rng.Next(3)]) : _rng.Next(cat.Shops);
                int sc = cat.ShopCategory(shop);
                double p = IsInterest(sc) && FavouriteShop(sc) == shop ? 0.8 : IsInterest(sc) ? 0.2 : 0.05;
                var w = tasks.Begin(DupnTask.ShopPref, train, _userId, t, query);
                w.Write(cat.ShopId[shop]);
                w.Write(_rng.NextDouble() < p ? 1 : 0);
                w.EndRecord();
            }
        }

        private void WriteItem(CsvWriter w, int item)
        {
            w.Write(cat.ItemId[item]);
            w.Write(cat.ShopId[cat.ItemShop[item]]);
            w.Write(cat.BrandId[cat.ItemBrand[item]]);
            w.Write(cat.CategoryId[cat.CategoryOf(item)]);
            w.Write(cat.ItemTags[item]);
        }

        private string RankingFeatures(int item)
        {
            var parts = new string[o.RankingFeatures];
            float[] vector = cat.CategoryVector[cat.CategoryOf(item)];
            for (int f = 0; f < parts.Length; f++)
            {
                float v = f == 0 ? cat.ItemQuality[item]
                    : f <= TaobaoLikeCatalog.PriceLevels ? (cat.ItemPrice[item] == f ? 1f : 0f)
                    : f <= TaobaoLikeCatalog.PriceLevels + TaobaoLikeCatalog.CategoryVectorSize ? vector[f - 1 - TaobaoLikeCatalog.PriceLevels]
                    : (float)(TaobaoLikeCatalog.Gaussian(_rng) * 0.5);
                parts[f] = v.ToString("0.####", CultureInfo.InvariantCulture);
            }
            return string.Join('|', parts);
        }

        private int Sample(double[] probabilities)
        {
            double u = _rng.NextDouble(), acc = 0;
            for (int i = 0; i < probabilities.Length; i++)
                if (u < (acc += probabilities[i]))
                    return i;
            return probabilities.Length - 1;
        }
    }

    /// <summary>One block of users generated in memory.</summary>
    private sealed class GeneratedBlock
    {
        private readonly StringWriter _behaviors = new();
        private readonly StringWriter _users = new();
        private readonly Dictionary<string, StringWriter> _tasks = [];

        public GeneratedBlock()
        {
            Behaviors = new CsvWriter(_behaviors);
            Users = new CsvWriter(_users);
            Tasks = new TaskWriters(name => _tasks[name] = new StringWriter(), writeHeaders: false);
        }

        public CsvWriter Behaviors { get; }
        public CsvWriter Users { get; }
        public TaskWriters Tasks { get; }
        public long BehaviorCount { get; set; }

        public void AppendTo(CsvWriter behaviors, CsvWriter users, TaskWriters tasks)
        {
            behaviors.WriteRaw(_behaviors.GetStringBuilder());
            users.WriteRaw(_users.GetStringBuilder());
            foreach (var (name, text) in _tasks)
                tasks.Append(name, text.GetStringBuilder(), Tasks.Counts[name]);
        }
    }

    /// <summary>The ten task files (with headers when they are the real files); counts rows per file.</summary>
    private sealed class TaskWriters : IDisposable
    {
        private readonly Dictionary<(DupnTask, bool), CsvWriter> _writers = [];
        private readonly Dictionary<string, CsvWriter> _byName = [];
        private readonly Dictionary<string, long> _counts = [];

        public TaskWriters(Func<string, TextWriter> open, bool writeHeaders)
        {
            foreach (var task in DupnTaskNames.All)
            {
                foreach (bool train in new[] { true, false })
                {
                    string name = DatasetSchema.FileName(task, train ? DatasetSplit.Train : DatasetSplit.Test);
                    var w = new CsvWriter(open(name));
                    if (writeHeaders)
                        w.WriteRecord(DatasetSchema.TaskColumns(task));
                    _writers[(task, train)] = w;
                    _byName[name] = w;
                    _counts[name] = 0;
                }
            }
        }

        public IReadOnlyDictionary<string, long> Counts => _counts;

        public CsvWriter Begin(DupnTask task, bool train, string user, long timestamp, string query)
        {
            _counts[DatasetSchema.FileName(task, train ? DatasetSplit.Train : DatasetSplit.Test)]++;
            var w = _writers[(task, train)];
            w.Write(user);
            w.Write(timestamp);
            w.Write(query);
            return w;
        }

        public void Append(string name, System.Text.StringBuilder records, long count)
        {
            _byName[name].WriteRaw(records);
            _counts[name] += count;
        }

        public void Dispose()
        {
            foreach (var w in _writers.Values)
                w.Dispose();
        }
    }
}
