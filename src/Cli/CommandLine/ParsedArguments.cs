using System.Globalization;

namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>
/// The flags of one command, parsed from `--name value` and `--switch` pairs. Every read marks a
/// flag as known; <see cref="EnsureAllUsed"/> then rejects any flag the command did not ask for,
/// so a typo is an error rather than silently ignored.
/// </summary>
public sealed class ParsedArguments
{
    private readonly string _command;
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ParsedArguments(string command, IReadOnlyList<string> args)
    {
        _command = command;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"dupn {command}: unexpected argument '{arg}'; flags look like --name value (see `dupn {command} --help`).");
            string name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            if (!_values.TryAdd(name, value))
                throw new UsageException($"dupn {command}: --{name} is given twice.");
        }
    }

    public bool Has(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    /// <summary>A switch such as --resume: present or not; a value is an error.</summary>
    public bool Switch(string name)
    {
        if (!Has(name))
            return false;
        if (_values[name] is { } value)
            throw new UsageException($"dupn {_command}: --{name} takes no value (got '{value}').");
        return true;
    }

    public string? Optional(string name)
    {
        if (!Has(name))
            return null;
        return _values[name] ?? throw new UsageException($"dupn {_command}: --{name} needs a value.");
    }

    public string Required(string name, string what) =>
        Optional(name) ?? throw new UsageException($"dupn {_command}: --{name} is required ({what}).");

    public int Int(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        string? text = Optional(name);
        if (text == null)
            return defaultValue;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            throw new UsageException($"dupn {_command}: --{name} must be a whole number; got '{text}'.");
        if (value < min || value > max)
            throw new UsageException($"dupn {_command}: --{name} must be between {min} and {max}; got {value}.");
        return value;
    }

    public double Double(string name, double defaultValue, double min = double.MinValue, double max = double.MaxValue)
    {
        string? text = Optional(name);
        if (text == null)
            return defaultValue;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new UsageException($"dupn {_command}: --{name} must be a number; got '{text}'.");
        if (value < min || value > max)
            throw new UsageException($"dupn {_command}: --{name} must be between {min} and {max}; got {value}.");
        return value;
    }

    /// <summary>One of <paramref name="choices"/> (case-insensitive), or the default.</summary>
    public string Choice(string name, string defaultValue, params string[] choices)
    {
        string? text = Optional(name);
        if (text == null)
            return defaultValue;
        string? match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new UsageException($"dupn {_command}: --{name} must be one of {string.Join("|", choices)}; got '{text}'.");
    }

    /// <summary>A comma-separated list whose items are each one of <paramref name="choices"/>.</summary>
    public IReadOnlyList<string>? List(string name, params string[] choices)
    {
        string? text = Optional(name);
        if (text == null)
            return null;
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
            throw new UsageException($"dupn {_command}: --{name} needs at least one of {string.Join(",", choices)}.");
        foreach (string item in items)
        {
            if (!choices.Contains(item, StringComparer.OrdinalIgnoreCase))
                throw new UsageException($"dupn {_command}: --{name} has '{item}'; each item must be one of {string.Join(",", choices)}.");
        }
        return items.Select(i => i.ToLowerInvariant()).Distinct().ToArray();
    }

    /// <summary>
    /// Comma-separated <c>key=N</c> pairs whose keys are each one of <paramref name="keys"/> and whose
    /// counts are whole numbers from <paramref name="min"/> to <paramref name="max"/> (e.g. follow=3,ppp=2).
    /// </summary>
    public Dictionary<string, int> Counts(string name, int min, int max, params string[] keys) =>
        KeyValues<int>(name, keys, "N", $"N must be a whole number from {min} to {max}", text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) && count >= min && count <= max ? count : (int?)null);

    /// <summary>KEY=X,KEY=X,... with X a number in (<paramref name="min"/>, <paramref name="max"/>]; empty when absent.</summary>
    public Dictionary<string, double> Factors(string name, double min, double max, params string[] keys) =>
        KeyValues<double>(name, keys, "X", $"X must be a number above {min} and at most {max}", text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > min && x <= max ? x : (double?)null);

    private Dictionary<string, T> KeyValues<T>(string name, string[] keys, string letter, string rule, Func<string, T?> parse) where T : struct
    {
        var values = new Dictionary<string, T>(StringComparer.Ordinal);
        string? text = Optional(name);
        if (text == null)
            return values;
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !keys.Contains(parts[0], StringComparer.OrdinalIgnoreCase))
                throw new UsageException($"dupn {_command}: --{name} has '{item}'; each item must be KEY={letter} with KEY one of {string.Join(",", keys)}.");
            if (parse(parts[1]) is not T value)
                throw new UsageException($"dupn {_command}: --{name} has '{item}'; {rule}.");
            string key = parts[0].ToLowerInvariant();
            if (!values.TryAdd(key, value))
                throw new UsageException($"dupn {_command}: --{name} names {key} twice.");
        }
        return values;
    }

    /// <summary>An existing folder.</summary>
    public string ExistingDirectory(string name, string what)
    {
        string path = Required(name, what);
        if (!Directory.Exists(path))
            throw new UsageException($"dupn {_command}: --{name} '{path}' is not a folder; give the path of {what}.");
        return path;
    }

    /// <summary>An existing file or folder.</summary>
    public string ExistingPath(string name, string what)
    {
        string path = Required(name, what);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new UsageException($"dupn {_command}: --{name} '{path}' does not exist; give the path of {what}.");
        return path;
    }

    /// <summary>Rejects flags the command never read: a typo must not be silently ignored.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToArray();
        if (unknown.Length == 0)
            return;
        string known = string.Join(", ", _used.Order(StringComparer.Ordinal).Select(k => "--" + k));
        throw new UsageException($"dupn {_command}: unknown flag --{unknown[0]}; this command takes {known}.");
    }
}
