using Dupn.MLNet.Trainers.Batching;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Baselines.Deep;

/// <summary>
/// A mini-batch of a deep baseline: DUPN's input tensors (the same collation, so the baselines see
/// exactly DUPN's data) plus, for Wide&amp;Deep, the hashed cross features as one flat list of slots
/// with each row's start offset (the input of an <c>EmbeddingBag</c>). Owns its tensors.
/// </summary>
public sealed class BaselineBatch : IDisposable
{
    public required DupnBatch Inputs { get; init; }

    /// <summary>[S] hashed wide-feature slots of all rows, row after row (null when the model has no wide part).</summary>
    public Tensor? WideSlots { get; init; }

    /// <summary>[B] where each row's slots start in <see cref="WideSlots"/>.</summary>
    public Tensor? WideOffsets { get; init; }

    public void Dispose()
    {
        Inputs.Dispose();
        WideSlots?.Dispose();
        WideOffsets?.Dispose();
    }
}
