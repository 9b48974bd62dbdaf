using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>
/// Converts Taobao UserBehavior (Tianchi dataset 649: <c>user_id,item_id,category_id,behavior_type,timestamp</c>,
/// no header, types <c>pv|buy|cart|fav</c>) to a dataset folder (docs/converters.md). <c>pv</c> becomes
/// <c>click</c>. Rows whose timestamp lies outside the documented period (2017-11-25 to 2017-12-03,
/// China time) are dirty and skipped with a count. Derived task: <c>ctr</c> (clicks at t are positives,
/// sampled never-touched items negatives). Not derivable: l2r (no ranking features), ppp (no prices),
/// follow (no talents), shop_pref (no shops).
/// </summary>
public static class TaobaoUserBehaviorConverter
{
    /// <summary>2017-11-25 00:00 China time (UTC+8).</summary>
    public const long PeriodStart = 1_511_539_200;

    /// <summary>2017-12-04 00:00 China time (exclusive end).</summary>
    public const long PeriodEnd = 1_512_316_800;

    /// <summary>Converts into <paramref name="outputFolder"/>, as CSV or as Parquet (<see cref="ConversionOptions.OutputFormat"/>).</summary>
    public static ConversionSummary Convert(string userBehaviorCsv, string outputFolder, ConversionOptions? options = null)
    {
        options ??= new ConversionOptions();
        options.Validate();
        return ConversionWriter.Finish(WriteCsv(userBehaviorCsv, outputFolder, options), options);
    }

    private static ConversionSummary WriteCsv(string userBehaviorCsv, string outputFolder, ConversionOptions options)
    {
        var events = new CompactEventLog(); // interned: memory grows with distinct ids, ~40 bytes per event
        var skipped = new Dictionary<string, long>();
        long input = 0;
        using (var csv = CsvRecordReader.Open(userBehaviorCsv))
        {
            var f = new List<string>();
            while (csv.ReadRecord(f))
            {
                input++;
                if (f.Count != 5)
                    throw new DatasetFormatException(userBehaviorCsv, csv.RecordLine, null, $"{f.Count} fields where UserBehavior has 5 (user_id,item_id,category_id,behavior_type,timestamp).");
                if (!SourceIds.TryLong(f[4], out long ts))
                    throw new DatasetFormatException(userBehaviorCsv, csv.RecordLine, "timestamp", $"'{f[4]}' is not a unix timestamp.");
                string type = f[3].Trim() switch
                {
                    "pv" => "click",
                    "buy" => "buy",
                    "cart" => "cart",
                    "fav" => "fav",
                    _ => throw new DatasetFormatException(userBehaviorCsv, csv.RecordLine, "behavior_type", $"'{f[3]}' is not pv, buy, cart or fav."),
                };
                if (ts < PeriodStart || ts >= PeriodEnd)
                {
                    Count(skipped, "timestamp outside 2017-11-25..2017-12-03");
                    continue;
                }
                string user = SourceIds.Normalize(f[0]);
                if (user.Length == 0)
                    throw new DatasetFormatException(userBehaviorCsv, csv.RecordLine, "user_id", "is empty.");
                events.Add(user, ts, SourceIds.Normalize(f[1]), SourceIds.Normalize(f[2]), "", "", "", type, "");
            }
        }
        long split = ConversionWriter.SplitTime(events, options.TestFraction);
        long behaviors = ConversionWriter.WriteBehaviors(outputFolder, events);
        using var writer = new ConversionWriter(outputFolder);
        writer.WriteCtr(events, e => e.Type == "click", split, options);
        return writer.Summarize(input, behaviors, skipped, split,
        [
            "l2r: no ranking features in the log.",
            "ppp: no prices or purchasing-power labels.",
            "follow: no talents.",
            "shop_pref: no shop/seller ids.",
        ]);
    }

    internal static void Count(Dictionary<string, long> counts, string reason) =>
        counts[reason] = counts.GetValueOrDefault(reason) + 1;
}
