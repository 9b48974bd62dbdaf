using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Modules;

/// <summary>
/// A task head on the shared representation: <c>forward(rep, candidate)</c> returns logits
/// ([B] for one output, [B,k] for k classes). <c>candidate</c> is the task's own input vector
/// (item tower output, talent vector, shop embedding, ranking features) or null for heads on rep
/// alone.
/// </summary>
public abstract class TaskHead : nn.Module<Tensor, Tensor?, Tensor>
{
    protected TaskHead(string name, HeadObjective objective, int outputs) : base(name)
    {
        Objective = objective;
        Outputs = outputs;
    }

    /// <summary>The loss and metrics this head trains with.</summary>
    public HeadObjective Objective { get; }

    /// <summary>1, or k for a k-class head.</summary>
    public int Outputs { get; }
}
