using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Dupn.MLNet.Trainers.Runtime;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// Attention over the behaviour sequence (state-dict prefix <c>attention.</c>; docs/paper.md section 3):
/// s_t = fc3(relu(fc2(relu(fc1([q ; p_t ; h_t ; u]))))), a = softmax of s over the valid steps,
/// rep_s = sum_t a_t h_t. Padded steps get weight exactly 0; an empty history gives a = 0 and
/// rep_s = 0 (never NaN). Dropout follows fc1 and fc2 during training.
/// </summary>
public sealed class AttentionPooling : nn.Module
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear fc1, fc2, fc3;
    private readonly Dropout dropout;
#pragma warning restore IDE1006
    private readonly bool _useProperty;

    /// <param name="queryDim">Size of q.</param>
    /// <param name="propertyDim">Size of p_t, or 0 when the variant keeps properties out of the attention.</param>
    /// <param name="hidden">Size of h_t.</param>
    /// <param name="profileDim">Size of u.</param>
    /// <param name="hidden1">fc1 outputs (128).</param>
    /// <param name="hidden2">fc2 outputs (64).</param>
    /// <param name="dropoutRate">Dropout after fc1 and fc2 during training.</param>
    public AttentionPooling(long queryDim, long propertyDim, long hidden, long profileDim, long hidden1, long hidden2, double dropoutRate)
        : base("attention")
    {
        _useProperty = propertyDim > 0;
        fc1 = nn.Linear(queryDim + propertyDim + hidden + profileDim, hidden1);
        fc2 = nn.Linear(hidden1, hidden2);
        fc3 = nn.Linear(hidden2, 1);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary>
    /// Pools <paramref name="h"/> [B,T,H] with q [B,Dq], p [B,T,P], u [B,Du] and the mask [B,T].
    /// Returns rep_s [B,H] and the attention weights a [B,T].
    /// </summary>
    public (Tensor RepS, Tensor Weights) Pool(Tensor q, Tensor? p, Tensor h, Tensor u, Tensor mask)
    {
        long b = h.shape[0], steps = h.shape[1];
        var parts = new List<Tensor> { q.unsqueeze(1).expand(b, steps, -1) };
        if (_useProperty)
            parts.Add(p ?? throw new ArgumentNullException(nameof(p), "This attention uses the behaviour property; p must be given."));
        parts.Add(h);
        parts.Add(u.unsqueeze(1).expand(b, steps, -1));
        var x = cat(parts.ToArray(), -1);
        x = dropout.call(nn.functional.relu(fc1.call(x)));
        x = dropout.call(nn.functional.relu(fc2.call(x)));
        var scores = fc3.call(x).squeeze(-1);
        var a = MaskedSoftmax(scores, mask);
        var repS = (a.unsqueeze(-1) * h).sum(1);
        return (repS, a);
    }

    /// <summary>
    /// Softmax over the steps where <paramref name="mask"/> is 1; 0 elsewhere, and all 0 for a row
    /// with no valid step. The maximum is taken over valid steps only (stability) and padding is
    /// sent to exp(-inf) = 0 through <c>where</c>, so no NaN can arise in values or gradients.
    /// </summary>
    public static Tensor MaskedSoftmax(Tensor scores, Tensor mask)
    {
        var valid = mask.gt(KeptScalars.Of(0.0));
        var lowest = full_like(scores, KeptScalars.Of(double.NegativeInfinity));
        var max = where(valid, scores, lowest).amax([-1], keepdim: true).detach();
        max = where(max.isfinite(), max, zeros_like(max));
        var shifted = where(valid, KeptScalars.Subtract(scores, max), lowest);
        var exp = shifted.exp();
        var sum = exp.sum(-1, keepdim: true);
        return exp / KeptScalars.ClampMin(sum, 1e-30);
    }
}
