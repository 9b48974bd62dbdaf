using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Dupn.MLNet.Trainers.Runtime;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// DUPN's property-gated LSTM (state-dict prefix <c>lstm.</c>; docs/paper.md section 2). Gate order
/// i, f, g, o as in PyTorch. The behaviour property p_t enters the input, forget and output gates
/// through <c>weight_p</c> ([3H, P]) and never the candidate g: a property says how much a
/// behaviour matters, not what the item is. Where the mask is 0 the state is carried unchanged,
/// so padding can never change an output. Written by hand because nn.LSTM cannot leave one gate
/// out of an input.
/// </summary>
public sealed class PropertyGatedLstm : nn.Module
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Parameter weight_e, weight_h, bias;
    private readonly Parameter? weight_p;
#pragma warning restore IDE1006
    private readonly long _hidden;

    /// <param name="inputDim">Size of e_t (124 by default).</param>
    /// <param name="propertyDim">Size of p_t (48), or 0 for no property in the gates (nobp, bpatt).</param>
    /// <param name="hidden">H (128).</param>
    public PropertyGatedLstm(long inputDim, long propertyDim, long hidden) : base("lstm")
    {
        _hidden = hidden;
        // PyTorch's LSTM initialisation: U(-1/sqrt(H), 1/sqrt(H)) for every weight and bias.
        double bound = 1.0 / Math.Sqrt(hidden);
        weight_e = new Parameter(empty(4 * hidden, inputDim).uniform_(-bound, bound));
        weight_h = new Parameter(empty(4 * hidden, hidden).uniform_(-bound, bound));
        bias = new Parameter(empty(4 * hidden).uniform_(-bound, bound));
        if (propertyDim > 0)
            weight_p = new Parameter(empty(3 * hidden, propertyDim).uniform_(-bound, bound));
        RegisterComponents();
    }

    /// <summary>H.</summary>
    public long Hidden => _hidden;

    /// <summary>Whether p_t gates this LSTM.</summary>
    public bool UsesProperty => weight_p is not null;

    /// <summary>
    /// Runs the sequence: <paramref name="e"/> [B,T,E], <paramref name="p"/> [B,T,P] (ignored
    /// without <c>weight_p</c>), <paramref name="mask"/> [B,T]. Returns h_t for every step [B,T,H]
    /// (a padded step repeats the previous h).
    /// </summary>
    public Tensor Run(Tensor e, Tensor? p, Tensor mask)
    {
        long b = e.shape[0], steps = e.shape[1];
        // The input projections do not depend on the recurrence: compute them for all steps at once.
        var inputGates = nn.functional.linear(e, weight_e, bias);
        if (weight_p is not null && p is not null)
            inputGates = KeptScalars.Add(inputGates, PropertyGates(p));
        var h = zeros(b, _hidden, dtype: e.dtype, device: e.device);
        var c = zeros(b, _hidden, dtype: e.dtype, device: e.device);
        var outputs = new Tensor[steps];
        // unbind, not select per step: the backward of T selects writes T full-size [B,T,4H]
        // gradients (measured: backward 8x the forward at T = 100); unbind's backward is one stack.
        var stepGates = inputGates.unbind(1);
        // where(valid, new, old) rather than m * new + (1 - m) * old: the same values and gradients for a
        // 0/1 mask, in one op per state instead of three, forward and backward (the loop's ops are
        // the training step's bottleneck: BENCHMARKS.md).
        var stepValid = mask.gt(KeptScalars.Of(0.0)).unsqueeze(2).unbind(1);
        for (int t = 0; t < steps; t++)
        {
            var valid = stepValid[t];
            var (hNew, cNew) = Recur(stepGates[t], h, c);
            c = where(valid, cNew, c);
            h = where(valid, hNew, h);
            outputs[t] = h;
        }
        return stack(outputs, 1);
    }

    /// <summary>One step of the cell for a single (e_t, p_t) and the previous state, no masking.</summary>
    public (Tensor H, Tensor C) Step(Tensor e, Tensor? p, Tensor hPrev, Tensor cPrev)
    {
        var z = nn.functional.linear(e, weight_e, bias);
        if (weight_p is not null && p is not null)
            z = KeptScalars.Add(z, PropertyGates(p));
        return Recur(z, hPrev, cPrev);
    }

    /// <summary>weight_p p laid out as [i ; f ; 0 ; o] so that it adds to the four gate blocks with nothing in g.</summary>
    private Tensor PropertyGates(Tensor p)
    {
        var ifo = nn.functional.linear(p, weight_p!);
        var chunks = ifo.chunk(3, -1);
        return cat([chunks[0], chunks[1], zeros_like(chunks[0]), chunks[2]], -1);
    }

    private (Tensor H, Tensor C) Recur(Tensor inputGates, Tensor h, Tensor c)
    {
        var z = KeptScalars.Add(inputGates, nn.functional.linear(h, weight_h));
        var gates = z.chunk(4, -1);
        var i = gates[0].sigmoid();
        var f = gates[1].sigmoid();
        var g = gates[2].tanh();
        var o = gates[3].sigmoid();
        var cNew = KeptScalars.Add(f * c, i * g);
        return (o * cNew.tanh(), cNew);
    }
}
