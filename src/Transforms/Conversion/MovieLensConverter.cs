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
/// 50-55, 56+) at one second after their last rating. Not derivable: l2r, follow, shop_pref.
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
                events.Add(new LogEvent(SourceIds.Normalize(f[0]), ts, item, movie.Category, "", "", movie.Tags, rating >= 4 ? "like" : "view", ""));
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
        return writer.Summarize(input, behaviors, skipped, split, ["l2r: no ranking features.", "follow: no talents.", "shop_pref: no shops."]);
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
