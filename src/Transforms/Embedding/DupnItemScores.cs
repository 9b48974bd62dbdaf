using Microsoft.ML.OnnxRuntime;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>The item heads' outputs for K candidates; a head the model lacks is null.</summary>
public sealed class DupnItemScores
{
    internal DupnItemScores(IReadOnlyDictionary<string, float[]> outputs)
    {
        Ctr = outputs.GetValueOrDefault(DupnGraphNames.Ctr);
        L2r = outputs.GetValueOrDefault(DupnGraphNames.L2r);
        Follow = outputs.GetValueOrDefault(DupnGraphNames.Follow);
        ShopPref = outputs.GetValueOrDefault(DupnGraphNames.ShopPref);
    }

    /// <summary>
    /// The item heads a graph has among <see cref="DupnGraphNames.Ctr"/>, L2R, FOLLOW and SHOP_PREF, in that order.
    /// </summary>
    internal static string[] HeadsOf(DupnOnnxModelInfo info) =>
        new[] { DupnGraphNames.Ctr, DupnGraphNames.L2r, DupnGraphNames.Follow, DupnGraphNames.ShopPref }.Where(info.Outputs.ContainsKey).ToArray();

    /// <summary>
    /// Runs <paramref name="session"/> on <paramref name="inputs"/> (disposed afterwards, whatever happens)
    /// and reads the item heads <paramref name="heads"/>.
    /// </summary>
    internal static DupnItemScores Run(InferenceSession session, Dictionary<string, OrtValue> inputs, string[] heads)
    {
        try
        {
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, inputs, heads);
            var outputs = new Dictionary<string, float[]>();
            for (int i = 0; i < heads.Length; i++)
                outputs[heads[i]] = results[i].GetTensorDataAsSpan<float>().ToArray();
            return new DupnItemScores(outputs);
        }
        finally
        {
            DupnTensorPacker.DisposeAll(inputs);
        }
    }

    /// <summary>CTR probability per candidate.</summary>
    public float[]? Ctr { get; }
    /// <summary>L2R score w(rep) . r + intercept per candidate.</summary>
    public float[]? L2r { get; }
    /// <summary>FOLLOW probability per candidate.</summary>
    public float[]? Follow { get; }
    /// <summary>SHOP_PREF probability per candidate.</summary>
    public float[]? ShopPref { get; }
}
