using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Dupn.MLNet.Trainers.Runtime;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// L2R (docs/paper.md section 4): w(rep) = relu(fc2(relu(fc1(rep)))) with m outputs, and the score of
/// an item with ranking features r is w(rep) . r + <c>intercept</c>. The intercept is ours: the
/// paper's score without it cannot move off 0 for rows whose ReLU output dies, and the team
/// measured AUC 0.5 without it and a learning model with it. With signed weights
/// (<see cref="DupnArchitecture.SignedL2rWeights"/>, ours) w = fc2(relu(fc1(rep))).
/// </summary>
public sealed class L2rHead : TaskHead
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear fc1, fc2;
    private readonly Parameter intercept;
    private readonly Dropout dropout;
#pragma warning restore IDE1006
    private readonly bool _signedWeights;

    public L2rHead(long repDim, long hidden, long rankingFeatures, double dropoutRate, bool signedWeights = false)
        : base("l2r", HeadObjective.WeightedRanking, 1)
    {
        _signedWeights = signedWeights;
        fc1 = nn.Linear(repDim, hidden);
        fc2 = nn.Linear(hidden, rankingFeatures);
        intercept = new Parameter(zeros(1));
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
        // w = ReLU(fc2 ...) is 0 for a row whose m pre-activations are all negative, and then no
        // gradient reaches it. With PyTorch's default bias init about half the rows start dead and
        // the base-rate pull (more negatives than positives) kills the rest within ~100 steps; a
        // small positive bias starts every unit alive (measured: AUC stuck at 0.5 without it).
        // Signed weights cannot die; the same start keeps the two heads' first steps alike.
        using (no_grad())
            fc2.bias!.fill_(InitialWeightBias);
    }

    /// <summary>Initial value of <c>l2r.fc2.bias</c> (ours): keeps the ReLU outputs w alive at the start.</summary>
    public const double InitialWeightBias = 0.1;

    /// <summary>
    /// Sets the intercept to the log-odds of the positive rate, so that training starts without a
    /// systematic pull on w (the trainer does this for a fresh network from the L2R training rows).
    /// </summary>
    public void InitializeIntercept(double positiveRate)
    {
        double p = Math.Clamp(positiveRate, 1e-4, 1 - 1e-4);
        using (no_grad())
            intercept.fill_(Math.Log(p / (1 - p)));
    }

    /// <summary><paramref name="candidate"/> is r, the [B,m] ranking features.</summary>
    public override Tensor forward(Tensor rep, Tensor? candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var w = fc2.call(dropout.call(nn.functional.relu(fc1.call(rep))));
        if (!_signedWeights)
            w = nn.functional.relu(w);
        return KeptScalars.Add((w * candidate).sum(-1), intercept);
    }
}
