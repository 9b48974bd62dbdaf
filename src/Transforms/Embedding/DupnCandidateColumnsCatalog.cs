using Dupn.MLNet;
using Microsoft.ML.Data;

namespace Microsoft.ML;

/// <summary>
/// <c>mlContext.Transforms.DupnCandidateColumns(graph, N)</c>: adds candidate-aware
/// columns, the pre-trained property-gated history counts read at the row's candidate shop
/// (<c>DupnCandidateColumnsExporter</c> in Dupn.MLNet.Export writes the graph: g_shop, g_cat,
/// n_shop, n_cat). ONNX Runtime underneath, no libtorch; the graph's bytes are saved inside the
/// ML.NET model zip like <c>DupnUserEmbedding</c>'s.
/// </summary>
public static class DupnCandidateColumnsCatalog
{
    /// <summary>The default output column (Single[4]).</summary>
    public const string DefaultOutputColumnName = "CandidateColumns";

    private static readonly (string Graph, string Column, bool IsMask)[] Bindings =
    [
        (DupnGraphNames.HistShop, "HistoryShop", false), (DupnGraphNames.HistCategory, "HistoryCategory", false), (DupnGraphNames.HistType, "HistoryType", false),
        (DupnGraphNames.HistScene, "HistoryScene", false), (DupnGraphNames.HistTime, "HistoryTime", false), (DupnGraphNames.HistMask, "HistoryMask", true),
    ];

    /// <summary>
    /// The chain: history columns of <paramref name="historyLength"/> values (as <c>DupnShopPreferenceRow</c>
    /// has them) and the candidate's shop index in <paramref name="targetShopColumnName"/> in, a
    /// Single[4] column out.
    /// </summary>
    public static IEstimator<ITransformer> DupnCandidateColumns(this TransformsCatalog catalog, byte[] graph, int historyLength,
        string outputColumnName = DefaultOutputColumnName, string targetShopColumnName = "TargetShop")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(graph);
        if (historyLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(historyLength), historyLength, "The history length N must be positive.");
        const string output = DupnGraphNames.CandidateColumns, target = DupnGraphNames.TargetShop;
        var shapes = Bindings.ToDictionary(b => b.Graph, _ => new[] { 1, historyLength });
        shapes[target] = [1, 1];
        shapes[output] = [1, DupnGraphNames.CandidateColumnNames.Length];
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var (input, column, isMask) in Bindings)
            chain = chain.Append(catalog.Conversion.ConvertType(input, column, isMask ? DataKind.Single : DataKind.Int64));
        chain = chain.Append(catalog.Conversion.ConvertType(target, targetShopColumnName, DataKind.Int64));
        chain = chain.Append(catalog.ApplyOnnxModel([output], [.. Bindings.Select(b => b.Graph), target], new MemoryStream(graph, writable: false), shapes, null, false));
        chain = chain.Append(catalog.CopyColumns(outputColumnName, output));
        return chain.Append(catalog.DropColumns([.. Bindings.Select(b => b.Graph), target, output]));
    }
}
