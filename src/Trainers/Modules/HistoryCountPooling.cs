using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// The history's counts (state-dict prefix <c>counts.</c>; ours, see
/// <see cref="DupnArchitecture.HistoryCountsInRepresentation"/>):
/// c = sum_t mask_t g_t x_t with g_t = sigmoid(gate(p_t)), where x_t is the part of e_t that is shared
/// across items (the category and the pooled tags). A sum, not a mean: "three buys at price level 5"
/// and "one" are different evidence, and attention's weighted mean cannot tell them apart. Without a
/// property (the nobp variant) there is no gate and every valid step counts 1.
/// </summary>
public sealed class HistoryCountPooling : nn.Module
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear? gate;
#pragma warning restore IDE1006

    /// <param name="propertyDim">Size of p_t, or 0 for no gate (nobp).</param>
    public HistoryCountPooling(long propertyDim) : base("counts")
    {
        if (propertyDim > 0)
            gate = nn.Linear(propertyDim, 1);
        RegisterComponents();
    }

    /// <summary>Whether each step's weight is learned from its property (false: every valid step counts 1).</summary>
    public bool IsGated => gate is not null;

    /// <summary>
    /// Counts <paramref name="x"/> [B,T,D] over the steps where <paramref name="mask"/> [B,T] is 1, each
    /// weighted by its gate on <paramref name="p"/> [B,T,P]. Returns c [B,D] and the weights g [B,T]
    /// (0 on padding).
    /// </summary>
    public (Tensor Counts, Tensor Weights) Pool(Tensor x, Tensor? p, Tensor mask)
    {
        var g = Weights(p, mask);
        return ((g.unsqueeze(-1) * x).sum(1), g);
    }

    /// <summary>Each step's weight g [B,T]: sigmoid(gate(p_t)) on valid steps, 0 on padding (the mask itself without a gate).</summary>
    public Tensor Weights(Tensor? p, Tensor mask) => gate is null
        ? mask
        : nn.functional.sigmoid(gate.call(p ?? throw new ArgumentNullException(nameof(p), "These counts are gated by the behaviour property; p must be given.")).squeeze(-1)) * mask;
}
