using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Dupn.Network;

/// <summary>
/// Tensor addition and subtraction with an alpha Scalar that lives as long as the process.
/// TorchSharp's <c>a + b</c> passes libtorch an alpha of 1 built for the call; under heavy GC pressure
/// that temporary was seen to reach libtorch already freed ("Expected false to be true ... toFloat"
/// from <c>add_Tensor</c> inside the LSTM loop, twice, in loaded test runs and a notebook). A Scalar
/// held by a static field is never finalised, so these never hand libtorch a dead one.
/// </summary>
internal static class KeptScalars
{
    private static readonly Scalar One = 1.0.ToScalar();
    private static readonly Scalar MinusOne = (-1.0).ToScalar();

    /// <summary>a + b.</summary>
    public static Tensor Add(Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a - b.</summary>
    public static Tensor Subtract(Tensor a, Tensor b) => a.add(b, MinusOne);
}
