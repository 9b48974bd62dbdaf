using System.Globalization;
using System.Text;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>
/// Converts MovieLens 100K (<c>u.data</c>, <c>u.item</c>, <c>u.user</c>) to a dataset folder
/// (docs/converters.md). Each rating is a behaviour: type <c>like</c> for rating &gt;= 4, <c>view</c>
/// otherwise; item = movie, category = its first genre, tags = all genres (names from u.genre order)
/// plus <c>decade_&lt;yyyy&gt;</c>; no shop or brand. users.csv: gender, occupation, zip region (first
/// digit); age is held out because it is the target of the PPP-like task. Tasks: <c>ctr</c> = "does the
/// user like the movie they rate at t" (every rating a row, label rating &gt;= 4; real negatives, no
/// sampling); <c>ppp</c> = the user's age bucketed into 7 levels (&lt;18, 18-24, 25-34, 35-44, 45-49,
/// 50-55, 56+) at one second after their last rating. Not derivable: l2r, follow; shop_pref only as the
/// genre-preference transfer task (<see cref="ConversionOptions.GenrePreference"/>, off by default).
/// u.user's leading spaces are trimmed; u.item is Latin-1.
/// </summary>
public static class MovieLensConverter
{
    private static readonly string[] Genres =
        ["unknown", "action", "adventure", "animation", "childrens", "comedy", "crime", "documentary", "drama", "fantasy",
         "film_noir", "horror", "musical", "mystery", "romance", "sci_fi", "thriller", "war", "western"];

    /// <summary>Converts into <paramref name="outputFolder"/>, as CSV or as Parquet (<see cref="ConversionOptions.OutputFormat"/>).</summary>
    public static ConversionSummary Convert(string movieLensFolder, string outputFolder, ConversionOptions? options = null)
    {
        options ??= new ConversionOptions();
        options.Validate();
        return ConversionWriter.Finish(WriteCsv(movieLensFolder, outputFolder, options), options);
    }

    private static ConversionSummary WriteCsv(string movieLensFolder, string outputFolder, ConversionOptions options)
    {
        var movies = ReadMovies(Path.Combine(movieLensFolder, "u.item"));
        var users = ReadUsers(Path.Combine(movieLensFolder, "u.user"));
        var events = new List<LogEvent>();
        var ratings = new List<int>();
        var skipped = new Dictionary<string, long>();
        string dataPath = Path.Combine(movieLensFolder, "u.data");
        long input = 0;
        using (var csv = CsvRecordReader.Open(dataPath, '\t'))
        {
            var f = new List<string>();
            while (csv.ReadRecord(f))
            {
                input++;
                if (f.Count != 4)
                    throw new DatasetFormatException(dataPath, csv.RecordLine, null, $"{f.Count} tab-separated fields where u.data has 4 (user, item, rating, timestamp).");
                if (!int.TryParse(f[2].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int rating) || rating < 1 || rating > 5)
                    throw new DatasetFormatException(dataPath, csv.RecordLine, "rating", $"'{f[2]}' is not a rating 1..5.");
                if (!SourceIds.TryLong(f[3], out long ts))
                    throw new DatasetFormatException(dataPath, csv.RecordLine, "timestamp", $"'{f[3]}' is not a unix timestamp.");
                string item = SourceIds.Normalize(f[1]);
                if (!movies.TryGetValue(item, out var movie))
                    throw new DatasetFormatException(dataPath, csv.RecordLine, "item", $"movie '{item}' is not in u.item.");
                // With genre preference on, the first genre is the behaviour's "shop" too, so that the
                // shop-preference protocols (history matches with a candidate shop) read genres.
                string shop = options.GenrePreference ? movie.Category : "";
                events.Add(new LogEvent(SourceIds.Normalize(f[0]), ts, item, movie.Category, shop, "", movie.Tags, rating >= 4 ? "like" : "view", ""));
                ratings.Add(rating);
            }
        }
        // u.data is not time-ordered; the dataset format does not require it, but a sorted log reads better.
        var order = Enumerable.Range(0, events.Count).OrderBy(i => events[i].User, StringComparer.Ordinal).ThenBy(i => events[i].Time).ToArray();
        events = order.Select(i => events[i]).ToList();

        long split = ConversionWriter.SplitTime(events, options.TestFraction);
        long behaviors = ConversionWriter.WriteBehaviors(outputFolder, events);
        using (var w = CsvWriter.Create(Path.Combine(outputFolder, DatasetSchema.UsersFile)))
        {
            w.WriteRecord("user_id", "gender", "occupation", "zip_region");
            foreach (var (id, u) in users.OrderBy(p => p.Key, StringComparer.Ordinal))
                w.WriteRecord(id, u.Gender, u.Occupation, u.ZipRegion);
        }
        using var writer = new ConversionWriter(outputFolder);
        foreach (var e in events)
        {
            var w = writer.Begin(DupnTask.Ctr, e.Time < split, e.User, e.Time);
            w.Write(e.Item);
            w.Write(e.Shop);
            w.Write(e.Brand);
            w.Write(e.Category);
            w.Write(e.Tags);
            w.Write(e.Type == "like" ? 1 : 0);
            w.EndRecord();
        }
        writer.EnsureBoth(DupnTask.Ctr);
        foreach (var user in events.GroupBy(e => e.User, StringComparer.Ordinal))
        {
            if (!users.TryGetValue(user.Key, out var u))
            {
                TaobaoUserBehaviorConverter.Count(skipped, "ppp row of a user missing from u.user");
                continue;
            }
            long t = user.Max(e => e.Time) + 1;
            var w = writer.Begin(DupnTask.Ppp, t < split, user.Key, t);
            w.Write(AgeLevel(u.Age));
            w.EndRecord();
        }
        writer.EnsureBoth(DupnTask.Ppp);
        if (options.GenrePreference)
            WriteGenrePreference(events, writer, split, options);
        return writer.Summarize(input, behaviors, skipped, split,
            ["l2r: no ranking features.", "follow: no talents.", .. options.GenrePreference ? Array.Empty<string>() : ["shop_pref: no shops (see --genre-preference)."]]);
    }

    /// <summary>
    /// Genre preference as shop_pref rows. A user's ratings (time-ordered) are cut into consecutive
    /// blocks of <see cref="ConversionOptions.GenreWindow"/> (each starting at a rating later than the one
    /// before it, so no rating of the row's second is hidden); at the first rating of each block after
    /// the first, the row's time is that rating's, its history every earlier rating, and its label reads
    /// the block: a genre is liked when the user rates one of its films (first genre) 4 or 5 there. One
    /// positive row (a liked genre, drawn uniformly) and one negative row (a genre not liked in the
    /// block, drawn by the genres' share of all ratings, so that a negative is not just a rare genre) per
    /// block; blocks with no liked genre give no rows. Rows before the split time train, the rest test.
    /// </summary>
    private static void WriteGenrePreference(List<LogEvent> events, ConversionWriter writer, long split, ConversionOptions options)
    {
        var popularity = events.Where(e => e.Category.Length > 0).GroupBy(e => e.Category, StringComparer.Ordinal)
            .Select(g => (Genre: g.Key, Count: g.LongCount())).OrderBy(g => g.Genre, StringComparer.Ordinal).ToArray();
        long total = popularity.Sum(g => g.Count);
        var random = new Random(options.Seed);
        int window = options.GenreWindow;
        foreach (var user in events.GroupBy(e => e.User, StringComparer.Ordinal))
        {
            var ratings = user.ToList(); // time-ordered: events are sorted by user, then time
            for (int start = window; start < ratings.Count; start += window)
            {
                // A block starts at a new second: every rating before the row's time is history, none hidden.
                while (start < ratings.Count && ratings[start].Time == ratings[start - 1].Time)
                    start++;
                if (start >= ratings.Count)
                    break;
                long time = ratings[start].Time;
                var block = ratings.Skip(start).Take(window);
                var liked = block.Where(e => e.Type == "like" && e.Category.Length > 0).Select(e => e.Category)
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                if (liked.Length == 0 || liked.Length == popularity.Length)
                    continue;
                string positive = liked[random.Next(liked.Length)];
                long remaining = total - popularity.Where(g => liked.Contains(g.Genre)).Sum(g => g.Count);
                long pick = (long)(random.NextDouble() * remaining);
                string negative = popularity.First(g => !liked.Contains(g.Genre)).Genre;
                foreach (var (genre, count) in popularity)
                {
                    if (liked.Contains(genre))
                        continue;
                    negative = genre;
                    if ((pick -= count) < 0)
                        break;
                }
                foreach (var (genre, label) in new[] { (positive, 1), (negative, 0) })
                {
                    var w = writer.Begin(DupnTask.ShopPref, time < split, user.Key, time);
                    w.Write(genre);
                    w.Write(label);
                    w.EndRecord();
                }
            }
        }
        writer.EnsureBoth(DupnTask.ShopPref);
    }

    /// <summary>The 7 age levels of MovieLens 1M: &lt;18, 18-24, 25-34, 35-44, 45-49, 50-55, 56+.</summary>
    public static int AgeLevel(int age) => age switch
    {
        < 18 => 1,
        < 25 => 2,
        < 35 => 3,
        < 45 => 4,
        < 50 => 5,
        < 56 => 6,
        _ => 7,
    };

    private static Dictionary<string, (string Category, string Tags)> ReadMovies(string path)
    {
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            lineNo++;
            if (line.Length == 0)
                continue;
            var f = line.Split('|');
            if (f.Length != 5 + Genres.Length)
                throw new DatasetFormatException(path, lineNo, null, $"{f.Length} '|'-separated fields where u.item has {5 + Genres.Length}.");
            var tags = new List<string>();
            for (int g = 0; g < Genres.Length; g++)
                if (f[5 + g].Trim() == "1")
                    tags.Add(Genres[g]);
            string category = tags.Count > 0 ? tags[0] : "";
            // Release date dd-MMM-yyyy (may be empty): the decade is a useful tag.
            string date = f[2].Trim();
            if (date.Length >= 4 && int.TryParse(date[^4..], NumberStyles.None, CultureInfo.InvariantCulture, out int year))
                tags.Add($"decade_{year / 10 * 10}");
            result[SourceIds.Normalize(f[0])] = (category, string.Join('|', tags));
        }
        return result;
    }

    private static Dictionary<string, (int Age, string Gender, string Occupation, string ZipRegion)> ReadUsers(string path)
    {
        var result = new Dictionary<string, (int, string, string, string)>(StringComparer.Ordinal);
        int lineNo = 0;
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            lineNo++;
            if (line.Trim().Length == 0)
                continue;
            var f = line.Split('|').Select(s => s.Trim()).ToArray(); // line 1 of the sample starts with a space
            if (f.Length != 5)
                throw new DatasetFormatException(path, lineNo, null, $"{f.Length} '|'-separated fields where u.user has 5.");
            if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out int age))
                throw new DatasetFormatException(path, lineNo, "age", $"'{f[1]}' is not an age.");
            string zip = f[4].Length > 0 && char.IsAsciiDigit(f[4][0]) ? f[4][..1] : "other";
            result[SourceIds.Normalize(f[0])] = (age, f[2], f[3], zip);
        }
        return result;
    }
}
