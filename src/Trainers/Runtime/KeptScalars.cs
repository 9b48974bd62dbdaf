using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Runtime;

/// <summary>
/// Scalars that live as long as the process, for every tensor op in a training or inference loop
/// that takes a number. TorchSharp turns a C# number into a native Scalar for the call (the alpha
/// of <c>a + b</c>, the value of <c>masked_fill</c>, the bound of <c>clamp_min</c>, the 1 of
/// <c>t - 1</c>); once its handle is passed, nothing keeps that Scalar reachable, so under GC
/// pressure its finaliser can free it while libtorch still reads it ("Expected false to be true
/// ... toFloat", seen in the LSTM's add, and in CNN-max's masked_fill, in loaded runs; "Unknown scalar
/// type" in the tag pooling's <c>ne(0)</c>, in a 6-epoch nobp run). A Scalar held here is never finalised.
/// </summary>
internal static class KeptScalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Cache = new();
    private static readonly ConcurrentDictionary<long, Scalar> IntegerCache = new();
    private static readonly Scalar One = Of(1.0);
    private static readonly Scalar MinusOne = Of(-1.0);

    /// <summary>The process-lifetime Scalar of <paramref name="value"/> (one per distinct value).</summary>
    public static Scalar Of(double value) => Cache.GetOrAdd(value, v => v.ToScalar());

    /// <summary>The process-lifetime integer Scalar of <paramref name="value"/> (keeps an integer tensor integer).</summary>
    public static Scalar OfInteger(long value) => IntegerCache.GetOrAdd(value, v => v.ToScalar());

    /// <summary>a + b.</summary>
    public static Tensor Add(Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a - b.</summary>
    public static Tensor Subtract(Tensor a, Tensor b) => a.add(b, MinusOne);

    /// <summary>a - value (floating point).</summary>
    public static Tensor Subtract(Tensor a, double value) => a.sub(Of(value));

    /// <summary>a - value for an integer tensor (class indices), which stays integer.</summary>
    public static Tensor Subtract(Tensor a, long value) => a.sub(OfInteger(value));

    /// <summary>a * value.</summary>
    public static Tensor Multiply(Tensor a, double value) => a.mul(Of(value));

    /// <summary>max(a, value), elementwise.</summary>
    public static Tensor ClampMin(Tensor a, double value) => a.clamp_min(Of(value));
}
