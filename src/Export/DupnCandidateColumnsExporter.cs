using System.Security.Cryptography;
using Dupn.MLNet.Export.Onnx;
using Google.Protobuf;
using Onnx;
using static Dupn.MLNet.Export.Onnx.OnnxGraphBuilder;

namespace Dupn.MLNet.Export;

/// <summary>
/// The 'candidate columns' graph: the pre-trained history counts read at a candidate
/// shop. DUPN's counts are c = sum_t g_t x_t with the property gate g_t = sigmoid(counts.gate(p_t));
/// summed into rep they cannot say anything about a candidate the network never saw as a task input.
/// This graph pools the same gate against the candidate instead:
/// <code>
/// g_shop = sum_t g_t [shop_t = s]        g_cat = sum_t g_t [category_t = category(s)]
/// n_shop = sum_t mask_t [shop_t = s]     n_cat = sum_t mask_t [category_t = category(s)]
/// </code>
/// where category(s) is the category a shop sells (a lookup table baked into the graph, learned from
/// training histories). Output <c>candidate_columns</c> [B,4] in that order. Only the gate's scene,
/// time and type embeddings and its linear layer are read from the weights, folded into one scalar
/// per index, so the graph is Gather/Equal/ReduceSum only: far cheaper than the user graph, and
/// the history dimension is dynamic (it may be longer than the N the network was trained with).
/// </summary>
public static class DupnCandidateColumnsExporter
{
    /// <summary>The output's name (<see cref="DupnGraphNames.CandidateColumns"/>).</summary>
    public const string Output = DupnGraphNames.CandidateColumns;

    /// <summary>The input with the candidate shop index, [B,1] (<see cref="DupnGraphNames.TargetShop"/>).</summary>
    public const string TargetShop = DupnGraphNames.TargetShop;

    /// <summary>The columns of <see cref="Output"/>, in order.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = DupnGraphNames.CandidateColumnNames;

    /// <summary>The graph's inputs, all [B,T] int64 except hist_mask (float) and target_shop ([B,1] int64).</summary>
    public static IReadOnlyList<string> Inputs { get; } =
        [DupnGraphNames.HistShop, DupnGraphNames.HistCategory, DupnGraphNames.HistType, DupnGraphNames.HistScene, DupnGraphNames.HistTime, DupnGraphNames.HistMask, TargetShop];

    /// <summary>
    /// Writes the graph. <paramref name="shopCategory"/>[shop index] is the category index that shop
    /// sells (0 or 1 where unknown: such a shop matches no category); its length is the shop table's.
    /// </summary>
    public static byte[] ExportBytes(DupnArchitecture architecture, StateDict weights, IReadOnlyList<int> shopCategory)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(shopCategory);
        if (!weights.Contains("counts.gate.weight"))
            throw new ArgumentException("The model has no property-gated history counts (counts.gate): train it with the history counts in rep and a variant with the behaviour property.", nameof(weights));
        var a = architecture;
        float[] gate = weights.Get("counts.gate.weight", 1, a.PropertyDim).Values;
        float bias = weights.Get("counts.gate.bias", 1).Values[0];
        // p_t = [scene ; time ; type], so gate . p_t = sum of one scalar per field's index.
        float[] Fold(string table, int dim, int offset)
        {
            var t = weights[table];
            int rows = t.Shape[0];
            var folded = new float[rows];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < dim; j++)
                    folded[r] += t.Values[r * dim + j] * gate[offset + j];
            return folded;
        }
        float[] scene = Fold("embeddings.scene.weight", a.SceneDim, 0);
        float[] time = Fold("embeddings.time.weight", a.TimeDim, a.SceneDim);
        float[] type = Fold("embeddings.type.weight", a.TypeDim, a.SceneDim + a.TimeDim);

        const TensorProto.Types.DataType I = TensorProto.Types.DataType.Int64, F = TensorProto.Types.DataType.Float;
        var b = new OnnxGraphBuilder("dupn_candidate_columns");
        string B = DupnGraphNames.BatchDim, T = DupnGraphNames.HistoryDim;
        string histShop = b.Input(DupnGraphNames.HistShop, I, B, T), histCategory = b.Input(DupnGraphNames.HistCategory, I, B, T);
        string histType = b.Input(DupnGraphNames.HistType, I, B, T), histScene = b.Input(DupnGraphNames.HistScene, I, B, T);
        string histTime = b.Input(DupnGraphNames.HistTime, I, B, T), mask = b.Input(DupnGraphNames.HistMask, F, B, T);
        string target = b.Input(TargetShop, I, B, 1);

        string Gather(string name, float[] table, string indices) =>
            b.Node("Gather", [b.Floats(name, [table.Length], table), indices], Attr("axis", 0L));
        string logit = b.Node("Add", [b.Node("Add", [b.Node("Add", [Gather("gate_scene", scene, histScene), Gather("gate_time", time, histTime)]),
            Gather("gate_type", type, histType)]), b.FloatScalar("gate_bias", bias)]);
        string g = b.Node("Mul", [b.Node("Sigmoid", [logit]), mask]);

        string one = b.Int64s("const_one_int64", [], 1L);
        string axis1 = b.Int64Vector("axis", 1L);
        string shopTable = b.Int64s("shop_category", [shopCategory.Count], [.. shopCategory.Select(c => (long)c)]);
        string candidateCategory = b.Node("Gather", [shopTable, target], Attr("axis", 0L));
        // An unknown candidate (index 0 or 1) matches nothing: "unknown" is not a shop or category.
        string Matches(string history, string candidate)
        {
            string known = b.Node("Cast", [b.Node("Greater", [candidate, one])], Attr("to", (long)F));
            string equal = b.Node("Cast", [b.Node("Equal", [history, candidate])], Attr("to", (long)F));
            return b.Node("Mul", [equal, known]);
        }
        string shopMatch = Matches(histShop, target), categoryMatch = Matches(histCategory, candidateCategory);
        string Sum(string weight, string match) => b.Node("ReduceSum", [b.Node("Mul", [weight, match]), axis1], Attr("keepdims", 1L));
        string columns = b.Node("Concat", [Sum(g, shopMatch), Sum(g, categoryMatch), Sum(mask, shopMatch), Sum(mask, categoryMatch)], Attr("axis", 1L));
        b.Rename(columns, Output);
        b.Output(Output, F, B, ColumnNames.Count);

        var model = new ModelProto
        {
            IrVersion = DupnOnnxExporter.IrVersion, ProducerName = "Dupn.MLNet", Domain = "dupn.mlnet", ModelVersion = 1,
            DocString = "DUPN candidate columns: the property-gated history counts read at a candidate shop.",
            Graph = b.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = DupnOnnxExporter.Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = DupnGraphNames.MetaGraph, Value = "candidate_columns" });
        model.MetadataProps.Add(new StringStringEntryProto { Key = DupnGraphNames.MetaSha256, Value = Convert.ToHexString(SHA256.HashData(model.ToByteArray())).ToLowerInvariant() });
        return model.ToByteArray();
    }
}
