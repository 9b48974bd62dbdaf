using System.Globalization;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>
/// Converts Tmall Repeat Buyers (IJCAI-15, Tianchi dataset 42) to a dataset folder (docs/converters.md).
/// <c>user_log_format1.csv</c> (<c>user_id,item_id,cat_id,seller_id,brand_id,time_stamp,action_type</c>;
/// a leading unnamed index column written by pandas is accepted) becomes behaviors.csv with seller =
/// shop, action 0/1/2/3 = click/cart/buy/fav, and <c>time_stamp</c> MMDD (leading zero possibly lost:
/// "829" = "0829") = 00:00 China time of that day in <see cref="Year"/>. Float-printed brand ids
/// ("2661.0") are made integers; an empty brand is missing. <c>train_format1.csv</c>
/// (<c>user_id,merchant_id,label</c>) gives the real <c>shop_pref</c> task at the end of Double 11
/// (11-12 00:00), for users present in the log, split into train/test by a hash of the user id (all
/// labels share one time, so a time split is impossible). <c>ctr</c> is derived from clicks as for Taobao.
/// </summary>
public static class TmallRepeatBuyersConverter
{
    /// <summary>The year of the log (the data does not say; the competition ran in 2015 on the 2014 Double 11).</summary>
    public const int Year = 2014;

    /// <summary>Converts into <paramref name="outputFolder"/>, as CSV or as Parquet (<see cref="ConversionOptions.OutputFormat"/>).</summary>
    public static ConversionSummary Convert(string userLogCsv, string? trainLabelsCsv, string outputFolder, ConversionOptions? options = null)
    {
        options ??= new ConversionOptions();
        options.Validate();
        return ConversionWriter.Finish(WriteCsv(userLogCsv, trainLabelsCsv, outputFolder, options), options);
    }

    private static ConversionSummary WriteCsv(string userLogCsv, string? trainLabelsCsv, string outputFolder, ConversionOptions options)
    {
        var events = new CompactEventLog(); // interned: memory grows with distinct ids, ~40 bytes per event
        var skipped = new Dictionary<string, long>();
        long input = 0;
        using (var csv = CsvRecordReader.Open(userLogCsv))
        {
            var f = new List<string>();
            if (!csv.ReadRecord(f))
                throw new DatasetFormatException(userLogCsv, 1, null, "the file is empty.");
            string[] expected = ["user_id", "item_id", "cat_id", "seller_id", "brand_id", "time_stamp", "action_type"];
            int offset = f.Count == expected.Length + 1 && f[0].Trim().Length == 0 ? 1 : 0; // pandas' index column
            var header = f.Skip(offset).Select(h => h.Trim()).ToArray();
            if (!header.SequenceEqual(expected))
                throw new DatasetFormatException(userLogCsv, 1, null, $"header '{string.Join(",", f)}' is not {string.Join(",", expected)} (optionally after an unnamed index column).");
            while (csv.ReadRecord(f))
            {
                input++;
                if (f.Count != expected.Length + offset)
                    throw new DatasetFormatException(userLogCsv, csv.RecordLine, null, $"{f.Count} fields where the header has {expected.Length + offset}.");
                string user = SourceIds.Normalize(f[offset]);
                if (user.Length == 0)
                    throw new DatasetFormatException(userLogCsv, csv.RecordLine, "user_id", "is empty.");
                long time = DayTimestamp(f[offset + 5], userLogCsv, csv.RecordLine);
                string type = f[offset + 6].Trim() switch
                {
                    "0" => "click",
                    "1" => "cart",
                    "2" => "buy",
                    "3" => "fav",
                    var other => throw new DatasetFormatException(userLogCsv, csv.RecordLine, "action_type", $"'{other}' is not 0 (click), 1 (cart), 2 (buy) or 3 (fav)."),
                };
                events.Add(user, time, SourceIds.Normalize(f[offset + 1]), SourceIds.Normalize(f[offset + 2]),
                    SourceIds.Normalize(f[offset + 3]), SourceIds.Normalize(f[offset + 4]), "", type, "");
            }
        }
        long split = ConversionWriter.SplitTime(events, options.TestFraction);
        long behaviors = ConversionWriter.WriteBehaviors(outputFolder, events);
        using var writer = new ConversionWriter(outputFolder);
        writer.WriteCtr(events, e => e.Type == "click", split, options);
        var notDerived = new List<string>
        {
            "l2r: no ranking features in the log.",
            "ppp: no prices (user_info_format1.csv has age/gender, not purchasing power).",
            "follow: no talents.",
        };
        if (trainLabelsCsv != null)
            WriteShopPreference(trainLabelsCsv, events, writer, options, skipped);
        else
            notDerived.Add("shop_pref: no train_format1.csv given.");
        return writer.Summarize(input, behaviors, skipped, split, notDerived);
    }

    /// <summary>00:00 China time (UTC+8) of an MMDD day in <see cref="Year"/>; "829" and "0829" are both 29 August.</summary>
    internal static long DayTimestamp(string mmdd, string file, long line)
    {
        string text = mmdd.Trim();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || text.Length > 4)
            throw new DatasetFormatException(file, line, "time_stamp", $"'{mmdd}' is not a MMDD day.");
        int month = value / 100, day = value % 100;
        if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(Year, month))
            throw new DatasetFormatException(file, line, "time_stamp", $"'{mmdd}' is not a valid MMDD day.");
        return new DateTimeOffset(Year, month, day, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();
    }

    private static void WriteShopPreference(string path, CompactEventLog events, ConversionWriter writer, ConversionOptions options, Dictionary<string, long> skipped)
    {
        var users = Enumerable.Range(0, events.UserCount).Select(events.UserName).ToHashSet(StringComparer.Ordinal);
        long time = new DateTimeOffset(Year, 11, 12, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeSeconds();
        foreach (var row in RecordParserForLabels(path))
        {
            if (!users.Contains(row.User))
            {
                TaobaoUserBehaviorConverter.Count(skipped, "shop_pref label of a user without behaviours in the log");
                continue;
            }
            // All labels share one time, so users (not times) are split: a stable hash of the id.
            bool test = (Featurization.StableHash.Of(row.User + "#" + options.Seed) % 1000) < options.TestFraction * 1000;
            var w = writer.Begin(DupnTask.ShopPref, !test, row.User, time);
            w.Write(row.Merchant);
            w.Write(row.Label);
            w.EndRecord();
        }
        writer.EnsureBoth(DupnTask.ShopPref);
    }

    private static IEnumerable<(string User, string Merchant, int Label)> RecordParserForLabels(string path)
    {
        using var csv = CsvRecordReader.Open(path);
        var f = new List<string>();
        if (!csv.ReadRecord(f) || !f.Select(h => h.Trim()).SequenceEqual(["user_id", "merchant_id", "label"]))
            throw new DatasetFormatException(path, 1, null, "header must be user_id,merchant_id,label.");
        while (csv.ReadRecord(f))
        {
            if (f.Count != 3)
                throw new DatasetFormatException(path, csv.RecordLine, null, $"{f.Count} fields where the header has 3.");
            int label = f[2].Trim() switch
            {
                "0" => 0,
                "1" => 1,
                var other => throw new DatasetFormatException(path, csv.RecordLine, "label", $"'{other}' must be 0 or 1."),
            };
            yield return (SourceIds.Normalize(f[0]), SourceIds.Normalize(f[1]), label);
        }
    }
}
