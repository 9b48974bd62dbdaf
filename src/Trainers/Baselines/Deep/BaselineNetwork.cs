using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Baselines.Deep;

/// <summary>
/// A deep baseline's network: a batch in, logits out ([B] for a binary task, [B,7] for PPP).
/// The trainer turns them into probabilities and losses.
/// </summary>
public abstract class BaselineNetwork : nn.Module<BaselineBatch, Tensor>
{
    protected BaselineNetwork(string name, DupnTask task) : base(name)
    {
        Task = task;
    }

    /// <summary>The task the network was built for.</summary>
    public DupnTask Task { get; }

    /// <summary>Logits per row: 1 for binary tasks, the number of PPP levels for PPP.</summary>
    public static int OutputsOf(DupnTask task, DupnArchitecture architecture) => task == DupnTask.Ppp ? architecture.PppLevels : 1;
}
