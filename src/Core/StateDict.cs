namespace Dupn.MLNet;

/// <summary>One named parameter or buffer: a shape and its values in row-major order.</summary>
public sealed record NamedTensor(string Name, int[] Shape, float[] Values)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>
/// The trained network's parameters and buffers by PyTorch-style name (docs/network.md), as
/// plain arrays: how weights cross from the trainer into export without any TorchSharp type.
/// </summary>
public sealed class StateDict
{
    private readonly Dictionary<string, NamedTensor> _tensors = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _tensors.Keys;

    public int Count => _tensors.Count;

    public bool Contains(string name) => _tensors.ContainsKey(name);

    public void Add(string name, int[] shape, float[] values)
    {
        long expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != values.Length)
            throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(",", shape)}] ({expected} values) but {values.Length} values were given.");
        if (!_tensors.TryAdd(name, new NamedTensor(name, shape, values)))
            throw new ArgumentException($"Tensor '{name}' is already in the state dict.");
    }

    /// <summary>The tensor named <paramref name="name"/>; the error lists what is there when it is missing.</summary>
    public NamedTensor this[string name] =>
        _tensors.TryGetValue(name, out var tensor)
            ? tensor
            : throw new KeyNotFoundException($"The state dict has no tensor '{name}'. It has: {string.Join(", ", _tensors.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>The tensor named <paramref name="name"/>, checked against the expected shape.</summary>
    public NamedTensor Get(string name, params int[] expectedShape)
    {
        var tensor = this[name];
        if (!tensor.Shape.SequenceEqual(expectedShape))
            throw new ArgumentException($"Tensor '{name}' has shape [{string.Join(",", tensor.Shape)}]; the architecture expects [{string.Join(",", expectedShape)}].");
        return tensor;
    }
}
