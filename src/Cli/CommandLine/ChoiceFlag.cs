using System.CommandLine;
using System.Globalization;

namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>
/// Flags whose values come from a fixed set: one choice, a comma-separated list of choices, or
/// KEY=VALUE pairs. The choices are offered to tab completion; a value outside them is a parse
/// error that names the flag and the choices.
/// </summary>
public static class ChoiceFlag
{
    /// <summary>One of <paramref name="choices"/> (case-insensitive, given back as spelt there), or the default.</summary>
    public static Option<string> One(string name, string description, string defaultValue, params string[] choices)
    {
        var option = new Option<string>(name)
        {
            HelpName = string.Join('|', choices), Description = description, DefaultValueFactory = _ => defaultValue,
            CustomParser = r => Flag.Parse(r, text => Match(name, text, choices), defaultValue),
        };
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>One of <paramref name="choices"/>, null when absent (required, or a default the command works out).</summary>
    public static Option<string?> OneOrNone(string name, string description, params string[] choices)
    {
        var option = new Option<string?>(name)
        {
            HelpName = string.Join('|', choices), Description = description, DefaultValueFactory = _ => null,
            CustomParser = r => Flag.Parse<string?>(r, text => Match(name, text, choices), null),
        };
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>
    /// A comma-separated list whose items are each one of <paramref name="choices"/>, lower-cased and
    /// distinct; read it with <see cref="GivenValues.GetValueIfGiven"/> (null when absent).
    /// </summary>
    public static Option<IReadOnlyList<string>?> List(string name, string valueName, string description, params string[] choices)
    {
        var option = new Option<IReadOnlyList<string>?>(name)
        {
            HelpName = valueName, Description = description,
            CustomParser = r => Flag.Parse<IReadOnlyList<string>?>(r, text => ParseList(name, text, choices), null),
        };
        option.CompletionSources.Add(choices);
        return option;
    }

    /// <summary>
    /// Comma-separated <c>KEY=N</c> pairs, KEY one of <paramref name="keys"/> and N a whole number from
    /// <paramref name="min"/> to <paramref name="max"/> (e.g. follow=3,ppp=2); empty when absent.
    /// </summary>
    public static Option<Dictionary<string, int>> Counts(string name, string description, int min, int max, params string[] keys) =>
        KeyValues<int>(name, "KEY=N,...", description, keys, "N", $"N must be a whole number from {min} to {max}", text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) && count >= min && count <= max ? count : null);

    /// <summary>KEY=X,KEY=X,... with X a number in (<paramref name="min"/>, <paramref name="max"/>]; empty when absent.</summary>
    public static Option<Dictionary<string, double>> Factors(string name, string description, double min, double max, params string[] keys) =>
        KeyValues<double>(name, "KEY=X,...", description, keys, "X", string.Create(CultureInfo.InvariantCulture, $"X must be a number above {min} and at most {max}"), text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > min && x <= max ? x : null);

    private static string Match(string name, string text, string[] choices) =>
        choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"{name} must be one of {string.Join("|", choices)}; got '{text}'.");

    private static IReadOnlyList<string> ParseList(string name, string text, string[] choices)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
            throw new FormatException($"{name} needs at least one of {string.Join(",", choices)}.");
        foreach (string item in items)
        {
            if (!choices.Contains(item, StringComparer.OrdinalIgnoreCase))
                throw new FormatException($"{name} has '{item}'; each item must be one of {string.Join(",", choices)}.");
        }
        return items.Select(i => i.ToLowerInvariant()).Distinct().ToArray();
    }

    private static Option<Dictionary<string, T>> KeyValues<T>(string name, string valueName, string description, string[] keys, string letter, string rule,
        Func<string, T?> parse) where T : struct
    {
        var option = new Option<Dictionary<string, T>>(name)
        {
            HelpName = valueName, Description = description, DefaultValueFactory = _ => new Dictionary<string, T>(StringComparer.Ordinal),
            CustomParser = r => Flag.Parse(r, text => ParseKeyValues(name, text, keys, letter, rule, parse), new Dictionary<string, T>(StringComparer.Ordinal)),
        };
        option.CompletionSources.Add(keys.Select(k => k + "=").ToArray());
        return option;
    }

    private static Dictionary<string, T> ParseKeyValues<T>(string name, string text, string[] keys, string letter, string rule, Func<string, T?> parse) where T : struct
    {
        var values = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !keys.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
                throw new FormatException($"{name} has '{item}'; each item must be KEY={letter} with KEY one of {string.Join(",", keys)}.");
            if (parse(parts[1]) is not T value)
                throw new FormatException($"{name} has '{item}'; {rule}.");
            string key = parts[0].ToLowerInvariant();
            if (!values.TryAdd(key, value))
                throw new FormatException($"{name} names {key} twice.");
        }
        return values;
    }
}
