using Dupn.MLNet.Export.Onnx;
using Onnx;
using static Dupn.MLNet.Export.Onnx.OnnxGraphBuilder;

namespace Dupn.MLNet.Export;

/// <summary>
/// The 'behaviour index' graph: the last step of <c>FeaturizeBehaviorSequence</c>, which turns ML.NET
/// key columns (from <c>MapValueToKey</c> over fixed-size raw-id vectors) into the network's indices
/// and the history mask, keeping every vector's size known so that <c>DupnUserEmbedding</c> can follow
/// in the same pipeline. ML.NET hands a key column to an ONNX uint32 input; its keys are 0 for a value
/// outside the vocabulary (or missing), 1 for the padding token (first in the key data), k ≥ 2 for
/// the (k−2)-th vocabulary entry. The network's convention is 0 padding, 1 unknown/missing, 2 + i for
/// entry i, so a plain column maps k to (k = 0 ? 1 : k = 1 ? 0 : k); a column with a lookup table
/// (the profile, whose slots share one key space) maps k to table[k].
/// </summary>
/// <remarks>
/// One row at a time (ML.NET's batch of 1): every input is [1,S] and every output [S], so ML.NET sees
/// fixed-size vectors. The mask is 1 where the history's item key is not padding; the time gaps
/// (seconds, Int64) become 2 + (number of bounds ≤ gap), 1 for a negative gap, 0 on padding.
/// </remarks>
internal static class BehaviorIndexExporter
{
    /// <summary>One key column: graph input (uint32 [1,Size]), graph output (int32 [Size]) and an optional table.</summary>
    public sealed record KeyColumn(string Input, string Output, int Size, long[]? Table = null);

    /// <summary>Writes the graph's bytes.</summary>
    /// <param name="columns">The key columns to map.</param>
    /// <param name="historyItemInput">The input (one of <paramref name="columns"/>) whose padding marks the end of the history.</param>
    /// <param name="maskOutput">The name of the float mask output [N].</param>
    /// <param name="timeInput">The int64 [1,N] time-gap input.</param>
    /// <param name="timeOutput">The int32 [N] time-bucket output.</param>
    /// <param name="timeBoundsSeconds">The bucket bounds (strictly increasing, positive).</param>
    public static byte[] Build(IReadOnlyList<KeyColumn> columns, string historyItemInput, string maskOutput,
        string timeInput, string timeOutput, IReadOnlyList<long> timeBoundsSeconds)
    {
        const TensorProto.Types.DataType U32 = TensorProto.Types.DataType.Uint32;
        const TensorProto.Types.DataType I64 = TensorProto.Types.DataType.Int64;
        const TensorProto.Types.DataType I32 = TensorProto.Types.DataType.Int32;
        const TensorProto.Types.DataType F = TensorProto.Types.DataType.Float;
        var history = columns.SingleOrDefault(c => c.Input == historyItemInput)
            ?? throw new ArgumentException($"The history item input '{historyItemInput}' is not one of the key columns.", nameof(historyItemInput));
        int n = history.Size;

        var b = new OnnxGraphBuilder("dupn_behavior_index");
        string zero = b.Int64s("const_zero", [], 0L);
        string one = b.Int64s("const_one", [], 1L);
        string two = b.Int64s("const_two", [], 2L);
        string axis0 = b.Int64Vector("axis", 0L);
        string Emit(string value, string output, TensorProto.Types.DataType type, int size)
        {
            b.Node("Squeeze", [b.Node("Cast", [value], Attr("to", (long)type)), axis0], [output]);
            b.Output(output, type, size);
            return output;
        }

        string? historyKeys = null;
        foreach (var column in columns)
        {
            string keys = b.Node("Cast", [b.Input(column.Input, U32, 1, column.Size)], Attr("to", (long)I64));
            if (column.Input == historyItemInput)
                historyKeys = keys;
            string index = column.Table is { } table
                ? b.Node("Gather", [b.Int64s(column.Output + "_table", [table.Length], table), keys], Attr("axis", 0L))
                : b.Node("Where", [b.Node("Equal", [keys, zero]), one, b.Node("Where", [b.Node("Equal", [keys, one]), zero, keys])]);
            Emit(index, column.Output, I32, column.Size);
        }

        string real = b.Node("Not", [b.Node("Equal", [historyKeys!, one])]);
        Emit(real, maskOutput, F, n);

        string gaps = b.Input(timeInput, I64, 1, n);
        string bounds = b.Int64s("time_bounds", [timeBoundsSeconds.Count], [.. timeBoundsSeconds]);
        string passed = b.Node("Cast", [b.Node("GreaterOrEqual", [b.Node("Unsqueeze", [gaps, b.Int64Vector("axis", 2L)]), bounds])], Attr("to", (long)I64));
        string bucket = b.Node("Add", [b.Node("ReduceSum", [passed, b.Int64Vector("axis", 2L)], Attr("keepdims", 0L)), two]);
        string known = b.Node("Where", [b.Node("Less", [gaps, zero]), one, bucket]);
        Emit(b.Node("Where", [real, known, zero]), timeOutput, I32, n);

        var model = new ModelProto
        {
            IrVersion = DupnOnnxExporter.IrVersion, ProducerName = "Dupn.MLNet", Domain = "dupn.mlnet", ModelVersion = 1,
            DocString = "DUPN behaviour index: ML.NET keys of raw ids to network indices, the history mask and time buckets.",
            Graph = b.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = DupnOnnxExporter.Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = DupnGraphNames.MetaGraph, Value = "behavior_index" });
        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }
}
