using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>
/// The kinds of flag the commands take, as System.CommandLine options whose parse errors name the
/// flag and what is wrong ("--users must be a whole number; got 'many'."). Only the shape of a value
/// is checked here; what a value means stays in the library.
/// </summary>
public static class Flag
{
    /// <summary>A free value, such as a path to write; null when absent.</summary>
    public static Option<string?> Text(string name, string valueName, string description) =>
        new(name) { HelpName = valueName, Description = description };

    /// <summary>A switch such as --resume: present or not.</summary>
    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or the default.</summary>
    public static Option<int> Int(string name, string valueName, string description, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        new(name)
        {
            HelpName = valueName, Description = description, DefaultValueFactory = _ => defaultValue,
            CustomParser = r => Parse(r, text => ParseInt(name, text, min, max), defaultValue),
        };

    /// <summary>A whole number whose default the command works out (null when absent).</summary>
    public static Option<int?> OptionalInt(string name, string valueName, string description, int min = int.MinValue, int max = int.MaxValue) =>
        new(name)
        {
            HelpName = valueName, Description = description, DefaultValueFactory = _ => null,
            CustomParser = r => Parse<int?>(r, text => ParseInt(name, text, min, max), null),
        };

    /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>, or the default.</summary>
    public static Option<double> Double(string name, string valueName, string description, double defaultValue, double min = double.MinValue, double max = double.MaxValue) =>
        new(name)
        {
            HelpName = valueName, Description = description, DefaultValueFactory = _ => defaultValue,
            CustomParser = r => Parse(r, text => ParseDouble(name, text, min, max), defaultValue),
        };

    /// <summary>A finite number whose default the command works out (null when absent).</summary>
    public static Option<double?> OptionalDouble(string name, string valueName, string description, double min = double.MinValue, double max = double.MaxValue) =>
        new(name)
        {
            HelpName = valueName, Description = description, DefaultValueFactory = _ => null,
            CustomParser = r => Parse<double?>(r, text => ParseDouble(name, text, min, max), null),
        };

    /// <summary>
    /// A value parsed by <paramref name="parse"/>, which throws <see cref="FormatException"/> with the
    /// whole message. Read a list or array with <see cref="GivenValues.GetValueIfGiven"/>: absent, it
    /// reads as empty through GetValue.
    /// </summary>
    public static Option<T?> Parsed<T>(string name, string valueName, string description, Func<string, T> parse) =>
        new(name)
        {
            HelpName = valueName, Description = description,
            CustomParser = r => Parse<T?>(r, text => parse(text), default),
        };

    /// <summary>An existing folder (checked while parsing); null when absent.</summary>
    public static Option<string?> ExistingFolder(string name, string valueName, string description, string what)
    {
        var option = Text(name, valueName, description);
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } path && !Directory.Exists(path))
                r.AddError($"{name} '{path}' is not a folder; give the path of {what}.");
        });
        return option;
    }

    /// <summary>An existing file or folder (checked while parsing); null when absent.</summary>
    public static Option<string?> ExistingPath(string name, string valueName, string description, string what)
    {
        var option = Text(name, valueName, description);
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } path && !File.Exists(path) && !Directory.Exists(path))
                r.AddError($"{name} '{path}' does not exist; give the path of {what}.");
        });
        return option;
    }

    // Runs parse on the option's one value; a FormatException becomes the option's parse error.
    internal static T Parse<T>(ArgumentResult result, Func<string, T> parse, T absent)
    {
        // No value, or several (--x 1 --x 2): System.CommandLine reports those itself, naming the flag.
        if (result.Tokens.Count != 1)
            return absent;
        try
        {
            return parse(result.Tokens[0].Value);
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
            return absent;
        }
    }

    private static int ParseInt(string name, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new FormatException($"{name} must be a whole number; got '{text}'.");
        if (value < min || value > max)
            throw new FormatException($"{name} must be between {min} and {max}; got {value}.");
        return value;
    }

    private static double ParseDouble(string name, string text, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new FormatException($"{name} must be a number; got '{text}'.");
        if (value < min || value > max)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}; got {value}."));
        return value;
    }
}
