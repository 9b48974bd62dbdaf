using Microsoft.ML;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// The baselines of the paper's Table 2 by name: Wide and LightGbm (ML.NET) and Wide&amp;Deep, DSSM
/// and CNN-max (TorchSharp). `dupn baselines --only`, `dupn experiment` and the demo pick from here.
/// </summary>
public static class BaselineRegistry
{
    /// <summary>Every baseline's name, in Table 2's order, LightGbm last.</summary>
    public static readonly string[] Names = ["wide", "wide-deep", "dssm", "cnn-max", "lightgbm"];

    /// <summary>The ML.NET baselines, cheap enough for any run.</summary>
    public static readonly string[] FastNames = ["wide", "lightgbm"];

    /// <summary>
    /// The baselines named in <paramref name="names"/> (all of <see cref="Names"/> when
    /// null), in Table 2's order: the ML.NET ones (Wide, LightGbm) and the TorchSharp ones
    /// (Wide&amp;Deep, DSSM, CNN-max) built as <paramref name="deep"/> says (defaults when null).
    /// </summary>
    public static IReadOnlyList<IDupnBaseline> Create(MLContext mlContext, IReadOnlyList<string>? names = null, DeepBaselineSettings? deep = null)
    {
        names ??= Names;
        var unknown = names.Where(n => !Names.Contains(n)).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"Unknown baseline {string.Join(", ", unknown)}; the baselines are {string.Join(", ", Names)}.", nameof(names));
        var all = new List<IDupnBaseline> { new WideBaseline(mlContext) };
        if (names.Any(n => n is "wide-deep" or "dssm" or "cnn-max"))
            all.AddRange((deep ?? new DeepBaselineSettings()).Create());
        all.Add(new LightGbmBaseline(mlContext));
        return all.Where(b => names.Contains(b.Name)).ToArray();
    }
}
