using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Baselines.Deep;

/// <summary>
/// What every TorchSharp baseline of Table 2 shares: validated options, the tasks it answers, and
/// <see cref="DeepBaselineTrainer"/>'s loop over a network it builds for the rows' vocabularies.
/// A new deep baseline names itself, builds its <see cref="BaselineNetwork"/> and, when it has a wide
/// part, gives a row's hashed wide features.
/// </summary>
/// <typeparam name="TOptions">Its options (dimensions and training).</typeparam>
public abstract class DeepBaseline<TOptions> : IDupnBaseline where TOptions : DeepBaselineOptions
{
    /// <param name="options">Dimensions and training; validated here.</param>
    protected DeepBaseline(TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The validated options.</summary>
    protected TOptions Options { get; }

    public abstract string Name { get; }

    /// <summary>Every task unless the baseline says otherwise.</summary>
    public virtual bool Supports(DupnTask task) => Enum.IsDefined(task);

    public BaselinePredictions FitPredict(DupnTask task, IReadOnlyList<FeaturizedRow> train, IReadOnlyList<FeaturizedRow> test)
    {
        if (!Supports(task))
            throw new ArgumentException($"{DisplayName} does not support {task}: {UnsupportedReason}; check Supports(task) first.", nameof(task));
        return DeepBaselineTrainer.FitPredict(Options, task, train, test, architecture => Build(architecture, task), WideSlots(task));
    }

    /// <summary>The network for the inferred architecture (called after seeding).</summary>
    protected abstract BaselineNetwork Build(DupnArchitecture architecture, DupnTask task);

    /// <summary>A row's hashed wide features for a model with a wide part; null without one.</summary>
    protected virtual Func<FeaturizedRow, int[]>? WideSlots(DupnTask task) => null;

    /// <summary>How errors name the baseline.</summary>
    protected virtual string DisplayName => Name;

    /// <summary>Why a task is not supported (only read when <see cref="Supports"/> says no).</summary>
    protected virtual string UnsupportedReason => "it has no head for it";
}
