using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Baselines.Deep;

/// <summary>
/// A stack of fully connected layers (<c>fc0</c>, <c>fc1</c>, ...), each followed by ReLU and
/// dropout, except the last when <c>activateLast</c> is false (a DSSM tower ends linear so that
/// its cosine can be negative).
/// </summary>
public sealed class MlpTower : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly Dropout dropout;
    private readonly bool _activateLast;

    public MlpTower(string name, long inputs, IReadOnlyList<int> widths, double dropoutRate, bool activateLast = true) : base(name)
    {
        layers = new ModuleList<Linear>();
        long previous = inputs;
        foreach (int width in widths)
        {
            layers.Add(nn.Linear(previous, width));
            previous = width;
        }
        dropout = nn.Dropout(dropoutRate);
        _activateLast = activateLast;
        OutputDim = previous;
        RegisterComponents();
    }

    /// <summary>Width of the output (the last layer's).</summary>
    public long OutputDim { get; }

    public override Tensor forward(Tensor input)
    {
        var x = input;
        for (int i = 0; i < layers.Count; i++)
        {
            x = layers[i].call(x);
            if (i < layers.Count - 1 || _activateLast)
                x = dropout.call(nn.functional.relu(x));
        }
        return x;
    }
}
