using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// What the user tower returns: the universal representation rep = [rep_s ; u] (after rep_norm
/// when the architecture asks for it), the attention weights over the history (an output for
/// explanation and plots), and the LSTM's hidden states.
/// </summary>
/// <param name="Rep">[B, RepresentationDim]: [rep_s ; u], then q and the history's counts c when the architecture has them.</param>
/// <param name="Attention">[B,T], summing to 1 over the valid steps (all 0 for an empty history).</param>
/// <param name="Hidden">[B,T,Hidden], h_t of every step.</param>
public sealed record UserRepresentation(Tensor Rep, Tensor Attention, Tensor Hidden);
