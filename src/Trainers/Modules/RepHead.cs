using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// A head on rep alone: fc1 ReLU (dropout during training) -> out. PPP is this head with 7
/// classes (<c>ppp.fc1</c>, <c>ppp.out</c>); user-defined binary, k-class and regression heads
/// are this head too (<c>custom.{name}.fc1</c>, <c>custom.{name}.out</c>). With a linear path the
/// logits gain a bias-free linear map of the input beside the MLP, out(relu(fc1(x))) + x W^T
/// (<c>{name}.linear</c>, [outputs, input], zero at the start so the head begins as the MLP alone).
/// </summary>
public sealed class RepHead : TaskHead
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear fc1, @out;
    private readonly Dropout dropout;
    private readonly Parameter? linear;
#pragma warning restore IDE1006

    public RepHead(string name, HeadObjective objective, long repDim, long hidden, int outputs, double dropoutRate, bool linearPath = false)
        : base(name, objective, outputs)
    {
        if (objective == HeadObjective.MultiClass ? outputs < 2 : outputs != 1)
            throw new ArgumentException($"Head '{name}': a {objective} head has {(objective == HeadObjective.MultiClass ? "at least 2 outputs" : "1 output")}; {outputs} were asked for.");
        fc1 = nn.Linear(repDim, hidden);
        @out = nn.Linear(hidden, outputs);
        dropout = nn.Dropout(dropoutRate);
        // Zeros, not nn.Linear's random start: the path draws nothing from the generator, so every
        // other weight starts as it would without it (a paired comparison on one seed).
        if (linearPath)
            linear = nn.Parameter(zeros(outputs, repDim));
        RegisterComponents();
    }

    public override Tensor forward(Tensor rep, Tensor? candidate)
    {
        var y = @out.call(dropout.call(nn.functional.relu(fc1.call(rep))));
        if (linear is not null)
            y = y + rep.matmul(linear.t());
        return Outputs == 1 ? y.squeeze(-1) : y;
    }
}
