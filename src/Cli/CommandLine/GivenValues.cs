using System.CommandLine;

namespace Dupn.MLNet.Cli.CommandLine;

/// <summary>Reading list flags, whose absence System.CommandLine reports as an empty list rather than null.</summary>
public static class GivenValues
{
    /// <summary>
    /// The flag's value when it was given, null when it was not: the command then applies its own
    /// default (a list flag never parses to an empty list; an empty value is a parse error).
    /// </summary>
    public static T? GetValueIfGiven<T>(this ParseResult parsed, Option<T?> option) where T : class =>
        parsed.GetResult(option) is { Implicit: false } ? parsed.GetValue(option) : null;
}
