using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Dupn.MLNet.Trainers.Runtime;

namespace Dupn.MLNet.Trainers.Baselines.CnnMax;

/// <summary>
/// 1-D convolutions over a sequence, one bank per window size (<c>conv{k}</c>), each max-pooled
/// over time. Masking: a window is a candidate for the max only when it starts at a real step;
/// the sequence is right-padded with zero vectors so that every such window exists, and padding
/// steps are zero vectors too, so a row's output never depends on how far its batch is padded.
/// A window may run past the last real step into zeros (like the usual zero padding at the
/// sequence's end), which is what lets a history shorter than a window still use that window.
/// An empty history pools to zeros.
/// </summary>
public sealed class MaskedConvMaxPool : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<Conv1d> convs;
    private readonly int _longest;

    public MaskedConvMaxPool(string name, long inputDim, IReadOnlyList<int> windowSizes, long kernels) : base(name)
    {
        convs = new ModuleList<Conv1d>();
        foreach (int window in windowSizes)
            convs.Add(nn.Conv1d(inputDim, kernels, window));
        _longest = windowSizes.Max();
        OutputDim = windowSizes.Count * kernels;
        RegisterComponents();
    }

    /// <summary>Width of the output: window sizes x kernels.</summary>
    public long OutputDim { get; }

    /// <param name="steps">[B,T,D] step vectors; padding steps must be zero vectors.</param>
    /// <param name="mask">[B,T] 1 for a real step, 0 for padding.</param>
    /// <returns>[B, windows x kernels] the masked max of each kernel over time.</returns>
    public override Tensor forward(Tensor steps, Tensor mask)
    {
        long t = steps.shape[1];
        var x = nn.functional.pad(steps.transpose(1, 2), [0, _longest - 1]); // [B,D,T+longest-1]
        var padding = mask.eq(KeptScalars.Of(0.0)).unsqueeze(1);                                // [B,1,T]
        var hasSteps = mask.sum(1, keepdim: true).gt(KeptScalars.Of(0.0));                     // [B,1]
        var pooled = new List<Tensor>(convs.Count);
        foreach (var conv in convs)
        {
            var windows = conv.call(x).narrow(2, 0, t);                      // the window starting at each step
            var best = windows.masked_fill(padding, KeptScalars.Of(double.NegativeInfinity)).amax([2]);
            pooled.Add(where(hasSteps, best, zeros_like(best)));
        }
        return cat(pooled, 1);
    }
}
