using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Dupn.Heads;

/// <summary>
/// L2R (DUPN.md section 4): w(rep) = relu(fc2(relu(fc1(rep)))) with m outputs, and the score of
/// an item with ranking features r is w(rep) . r + <c>intercept</c>. The intercept is ours: the
/// paper's score without it cannot move off 0 for rows whose ReLU output dies, and the team
/// measured AUC 0.5 without it and a learning model with it.
/// </summary>
public sealed class L2rHead : TaskHead
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear fc1, fc2;
    private readonly Parameter intercept;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public L2rHead(long repDim, long hidden, long rankingFeatures, double dropoutRate)
        : base("l2r", HeadObjective.WeightedRanking, 1)
    {
        fc1 = nn.Linear(repDim, hidden);
        fc2 = nn.Linear(hidden, rankingFeatures);
        intercept = new Parameter(zeros(1));
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary><paramref name="candidate"/> is r, the [B,m] ranking features.</summary>
    public override Tensor forward(Tensor rep, Tensor? candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var w = nn.functional.relu(fc2.call(dropout.call(nn.functional.relu(fc1.call(rep)))));
        return (w * candidate).sum(-1) + intercept;
    }
}
