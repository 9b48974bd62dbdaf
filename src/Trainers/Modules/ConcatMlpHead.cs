using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// A head that scores rep against one candidate (docs/paper.md section 4): [rep ; candidate] -> fc1
/// ReLU -> fc2 ReLU -> out (one logit), dropout after fc1 and fc2 during training. CTR and FOLLOW
/// read the candidate as it comes (the item tower's vector, the talent embedding); SHOP_PREF first
/// projects the target shop's row of <c>embeddings.shop</c> (24 -> 64, <c>shop_pref.proj</c>) and
/// narrows fc2 to 64; with <see cref="DupnArchitecture.ShopPrefReadsHistoryMatches"/> the candidate's last
/// columns (the history's matches with the shop) pass the projection by. State-dict names <c>{name}.proj</c> (when projecting), <c>{name}.fc1</c>,
/// <c>{name}.fc2</c>, <c>{name}.out</c>. With a candidate interaction
/// (<see cref="DupnArchitecture.CandidateInteraction"/>) fc1 reads
/// [rep ; candidate ; match(rep) * candidate] and <c>{name}.match</c> is the bias-free rep projection.
/// </summary>
public sealed class ConcatMlpHead : TaskHead
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear? proj;
    private readonly Linear fc1, fc2, @out;
    private readonly Linear? match, wide;
    private readonly Dropout dropout;
#pragma warning restore IDE1006
    private readonly long _projectFrom, _passThrough;

    /// <param name="name">The task's name, the state-dict prefix.</param>
    /// <param name="repDim">Width of rep.</param>
    /// <param name="candidateDim">Width of the candidate as fc1 reads it (after the projection, if any).</param>
    /// <param name="hidden">Width of fc1 (and of fc2 unless <paramref name="secondHidden"/> is given).</param>
    /// <param name="dropoutRate">Dropout after fc1 and fc2 during training.</param>
    /// <param name="candidateInteraction">Whether fc1 also reads match(rep) * candidate.</param>
    /// <param name="projectFrom">When given, the candidate arrives this wide and <c>proj</c> maps it to <paramref name="candidateDim"/>.</param>
    /// <param name="secondHidden">Width of fc2 when it differs from <paramref name="hidden"/>.</param>
    /// <param name="passThrough">With a projection: the candidate's last columns that join the projected ones as they are
    /// (the candidate then arrives <paramref name="projectFrom"/> + this wide, and fc1 reads <paramref name="candidateDim"/> + this).</param>
    public ConcatMlpHead(string name, long repDim, long candidateDim, long hidden, double dropoutRate, bool candidateInteraction = false,
        long? projectFrom = null, long? secondHidden = null, long passThrough = 0)
        : base(name, HeadObjective.Binary, 1)
    {
        if (passThrough < 0 || passThrough > 0 && projectFrom is null)
            throw new ArgumentOutOfRangeException(nameof(passThrough), passThrough, "Pass-through columns need a projection and cannot be negative.");
        if (projectFrom is { } from)
            proj = nn.Linear(from, candidateDim);
        _projectFrom = projectFrom ?? 0;
        _passThrough = passThrough;
        if (passThrough > 0)
            wide = nn.Linear(passThrough, 1);
        candidateDim += passThrough;
        if (candidateInteraction)
            match = nn.Linear(repDim, candidateDim, hasBias: false);
        long second = secondHidden ?? hidden;
        fc1 = nn.Linear(repDim + (candidateInteraction ? 2 : 1) * candidateDim, hidden);
        fc2 = nn.Linear(hidden, second);
        @out = nn.Linear(second, 1);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
        if (wide is not null)
        {
            // The deep path starts silent: the head begins as the wide path's logistic regression on the
            // history's matches, and the deep path adds to it only what fine-tuning finds.
            using (no_grad())
            {
                @out.weight!.zero_();
                @out.bias!.zero_();
            }
        }
    }

    public override Tensor forward(Tensor rep, Tensor? candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        Tensor? passed = null;
        if (proj is not null)
        {
            if (_passThrough == 0)
                candidate = proj.call(candidate);
            else
            {
                passed = candidate.narrow(-1, _projectFrom, _passThrough);
                candidate = cat([proj.call(candidate.narrow(-1, 0, _projectFrom)), passed], -1);
            }
        }
        var input = match is null ? cat([rep, candidate], -1) : cat([rep, candidate, match.call(rep) * candidate], -1);
        var x = dropout.call(nn.functional.relu(fc1.call(input)));
        x = dropout.call(nn.functional.relu(fc2.call(x)));
        var logit = @out.call(x);
        if (wide is not null)
            logit = logit + wide.call(passed!);
        return logit.squeeze(-1);
    }
}
