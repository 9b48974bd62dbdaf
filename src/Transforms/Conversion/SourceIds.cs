using System.Globalization;

namespace Dupn.MLNet.Transforms.Conversion;

/// <summary>Cleaning of ids and numbers as public logs print them.</summary>
internal static class SourceIds
{
    /// <summary>Trims, and turns a float-printed integer id ("2661.0", written by pandas) back into "2661".</summary>
    public static string Normalize(string raw)
    {
        var id = raw.Trim();
        int dot = id.IndexOf('.');
        if (dot > 0 && id.AsSpan(dot + 1).IndexOfAnyExcept('0') < 0 && id.AsSpan(0, dot).IndexOfAnyExceptInRange('0', '9') < 0)
            return id[..dot];
        return id;
    }

    public static bool TryLong(string raw, out long value) =>
        long.TryParse(raw.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
