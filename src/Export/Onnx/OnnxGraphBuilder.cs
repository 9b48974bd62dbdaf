using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Dupn.MLNet.Export.Onnx;

/// <summary>
/// A thin writer over the ONNX protobuf classes: initializers, typed inputs and outputs with named
/// (dynamic) dimensions, and nodes whose output names are generated so that no two collide.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    public OnnxGraphBuilder(string graphName)
    {
        _graph = new GraphProto { Name = graphName };
    }

    public GraphProto Graph => _graph;

    /// <summary>A dimension: a positive size, or a symbolic name for a dynamic one.</summary>
    public readonly record struct Dim(long Value, string? Param)
    {
        public static implicit operator Dim(long value) => new(value, null);
        public static implicit operator Dim(int value) => new(value, null);
        public static implicit operator Dim(string param) => new(0, param);
    }

    public string Input(string name, TensorProto.Types.DataType type, params Dim[] dims)
    {
        Claim(name);
        _graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    public void Output(string name, TensorProto.Types.DataType type, params Dim[] dims)
    {
        _graph.Output.Add(ValueInfo(name, type, dims));
    }

    /// <summary>Adds a float initializer (raw little-endian bytes, the compact form).</summary>
    public string Floats(string name, int[] shape, ReadOnlySpan<float> values)
    {
        Claim(name);
        return AddFloats(name, shape, values);
    }

    private string AddFloats(string name, int[] shape, ReadOnlySpan<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        foreach (int d in shape)
            tensor.Dims.Add(d);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return name;
    }

    public string Int64s(string name, int[] shape, params long[] values)
    {
        Claim(name);
        return AddInt64s(name, shape, values);
    }

    private string AddInt64s(string name, int[] shape, long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        foreach (int d in shape)
            tensor.Dims.Add(d);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A 1-D int64 constant (axes, shapes, pads), named after its use.</summary>
    public string Int64Vector(string hint, params long[] values) => AddInt64s(Fresh(hint), [values.Length], values);

    /// <summary>A scalar float constant.</summary>
    public string FloatScalar(string hint, float value) => AddFloats(Fresh(hint), [], [value]);

    /// <summary>Adds one node with a generated output name and returns that name.</summary>
    public string Node(string opType, string[] inputs, params AttributeProto[] attributes)
        => Node(opType, inputs, [Fresh(opType)], attributes)[0];

    /// <summary>Adds one node whose outputs are named by the caller (graph outputs, multi-output ops).</summary>
    public string[] Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Fresh("node_" + opType) };
        node.Input.AddRange(inputs);
        foreach (string output in outputs)
        {
            if (output.Length > 0 && !_names.Contains(output))
                _names.Add(output);
            node.Output.Add(output);
        }
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Renames a value into a graph output name with an Identity node.</summary>
    public void Rename(string value, string outputName) => Node("Identity", [value], [outputName]);

    public static AttributeProto Attr(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attr(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attr(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attr(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string Fresh(string hint)
    {
        string name;
        do
            name = $"{hint}_{_counter++}";
        while (_names.Contains(name));
        _names.Add(name);
        return name;
    }

    private void Claim(string name)
    {
        if (!_names.Add(name))
            throw new InvalidOperationException($"The ONNX graph '{_graph.Name}' already has a value named '{name}'.");
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, Dim[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim.Param is null
                ? new TensorShapeProto.Types.Dimension { DimValue = dim.Value }
                : new TensorShapeProto.Types.Dimension { DimParam = dim.Param });
        }
        var tensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensorType } };
    }
}
