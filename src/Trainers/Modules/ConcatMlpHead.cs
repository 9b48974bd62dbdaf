using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// CTR and FOLLOW (DUPN.md section 4): [rep ; candidate] -> fc1 ReLU -> fc2 ReLU -> out (one
/// logit), dropout after fc1 and fc2 during training. State-dict names <c>{name}.fc1</c>,
/// <c>{name}.fc2</c>, <c>{name}.out</c>. With a candidate interaction
/// (<see cref="DupnArchitecture.CandidateInteraction"/>) fc1 reads
/// [rep ; candidate ; match(rep) * candidate] and <c>{name}.match</c> is the bias-free rep projection.
/// </summary>
public sealed class ConcatMlpHead : TaskHead
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear fc1, fc2, @out;
    private readonly Linear? match;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public ConcatMlpHead(string name, long repDim, long candidateDim, long hidden, double dropoutRate, bool candidateInteraction = false)
        : base(name, HeadObjective.Binary, 1)
    {
        if (candidateInteraction)
            match = nn.Linear(repDim, candidateDim, hasBias: false);
        fc1 = nn.Linear(repDim + (candidateInteraction ? 2 : 1) * candidateDim, hidden);
        fc2 = nn.Linear(hidden, hidden);
        @out = nn.Linear(hidden, 1);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor rep, Tensor? candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var input = match is null ? cat([rep, candidate], -1) : cat([rep, candidate, match.call(rep) * candidate], -1);
        var x = dropout.call(nn.functional.relu(fc1.call(input)));
        x = dropout.call(nn.functional.relu(fc2.call(x)));
        return @out.call(x).squeeze(-1);
    }
}
