using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Dupn.Heads;

/// <summary>
/// CTR and FOLLOW (DUPN.md section 4): [rep ; candidate] -> fc1 ReLU -> fc2 ReLU -> out (one
/// logit), dropout after fc1 and fc2 during training. State-dict names <c>{name}.fc1</c>,
/// <c>{name}.fc2</c>, <c>{name}.out</c>.
/// </summary>
public sealed class ConcatMlpHead : TaskHead
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear fc1, fc2, @out;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public ConcatMlpHead(string name, long repDim, long candidateDim, long hidden, double dropoutRate)
        : base(name, HeadObjective.Binary, 1)
    {
        fc1 = nn.Linear(repDim + candidateDim, hidden);
        fc2 = nn.Linear(hidden, hidden);
        @out = nn.Linear(hidden, 1);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor rep, Tensor? candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var x = dropout.call(nn.functional.relu(fc1.call(cat([rep, candidate], -1))));
        x = dropout.call(nn.functional.relu(fc2.call(x)));
        return @out.call(x).squeeze(-1);
    }
}
