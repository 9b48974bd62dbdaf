using System.Globalization;

namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// Parses the ranking features of l2r rows (millions of short decimals such as <c>-0.3836</c>) without
/// a string per value, with exactly <see cref="float.Parse(string, NumberStyles, IFormatProvider)"/>'s result.
/// </summary>
internal static class DecimalFloat
{
    // 10^0 .. 10^10 are exact in float (5^10 < 2^24), so one division of two exact floats is
    // correctly rounded: Clinger's fast path, the same value a full parser produces.
    private static readonly float[] PowersOfTen = [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];
    private const int ExactMantissa = 1 << 24;

    /// <summary>
    /// Parses <paramref name="text"/> as <c>float.TryParse(text, NumberStyles.Float, InvariantCulture)</c> does.
    /// Plain decimals (<c>[-]digits[.digits]</c>, at most 24 bits of digits and 10 decimals) take the fast
    /// path; anything else (exponents, spaces, '+', NaN, long mantissas) goes to the framework's parser.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out float value)
    {
        if (TryParsePlain(text, out value))
            return true;
        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParsePlain(ReadOnlySpan<char> text, out float value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && text[0] == '-')
        {
            negative = true;
            i = 1;
        }
        int integerStart = i;
        int mantissa = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            mantissa = mantissa * 10 + (text[i] - '0');
            if (mantissa >= ExactMantissa)
                return false;
            i++;
        }
        if (i == integerStart)
            return false; // ".5", "-", "" and words go to the full parser
        int decimals = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            int fractionStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                mantissa = mantissa * 10 + (text[i] - '0');
                if (mantissa >= ExactMantissa)
                    return false;
                i++;
            }
            decimals = i - fractionStart;
            if (decimals == 0 || decimals >= PowersOfTen.Length)
                return false;
        }
        if (i != text.Length)
            return false;
        float magnitude = mantissa / PowersOfTen[decimals];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
