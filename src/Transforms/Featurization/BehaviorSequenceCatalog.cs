using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet;

namespace Microsoft.ML;

/// <summary>The ML.NET front door of Dupn.MLNet's data and featurisation.</summary>
public static class BehaviorSequenceCatalog
{
    /// <summary>
    /// Maps the behaviour-sequence columns of <see cref="BehaviorSequenceRow"/> to network indices,
    /// learning the vocabularies from the training data when fitted.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">MinCount, time-gap bounds (N, K, Q shape the input rows). Default: <see cref="BehaviorFeaturizerOptions"/>'s defaults.</param>
    public static BehaviorSequenceFeaturizingEstimator FeaturizeBehaviorSequence(this TransformsCatalog catalog, BehaviorFeaturizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // The estimator builds built-in estimators (no randomness involved), so a private context is safe.
        return new BehaviorSequenceFeaturizingEstimator(new MLContext(seed: 0), null, options);
    }

    /// <summary>The same, with the vocabularies of a featuriser fitted on a dataset (identical indices to <see cref="BehaviorFeaturizer.Transform(Dataset, DupnTask, DatasetSplit, SharedHistoryWindows?)"/>).</summary>
    public static BehaviorSequenceFeaturizingEstimator FeaturizeBehaviorSequence(this TransformsCatalog catalog, BehaviorFeaturizer featurizer)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(featurizer);
        return new BehaviorSequenceFeaturizingEstimator(new MLContext(seed: 0), featurizer, null);
    }

    /// <summary>
    /// Loads behaviors.csv as an IDataView with the columns of <see cref="Behavior"/> (text ids, Int64
    /// Timestamp, Tags a variable-length text vector); streamed: each cursor re-reads the file.
    /// </summary>
    public static IDataView LoadBehaviors(this DataOperationsCatalog catalog, Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataset);
        return catalog.LoadFromEnumerable(new ReEnumerable<Behavior>(dataset.Behaviors));
    }

    /// <summary>
    /// Loads a task file joined with its point-in-time histories as an IDataView of <see cref="BehaviorSequenceRow"/>
    /// padded to the shape's N, K and Q, with the fixed sizes of <see cref="BehaviorSequenceRow.SchemaDefinition(int, int, int, int)"/>
    /// (streamed: each cursor re-reads the task file; the log is indexed once in memory).
    /// </summary>
    public static IDataView LoadBehaviorSequences(this DataOperationsCatalog catalog, Dataset dataset, DupnTask task, DatasetSplit split,
        BehaviorFeaturizerOptions? shape = null, BehaviorHistoryIndex? index = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataset);
        shape ??= new BehaviorFeaturizerOptions();
        shape.Validate();
        if (!dataset.HasTask(task, split))
            throw new FileNotFoundException($"The dataset has no {DatasetSchema.FileName(task, split)}.", dataset.TaskPath(task, split));
        index ??= BehaviorHistoryIndex.Build(dataset.Behaviors());
        var definition = BehaviorSequenceRow.SchemaDefinition(shape.MaxHistory, shape.TagsPerBehavior, shape.QueryTokens, dataset.Users.Columns.Count);
        return catalog.LoadFromEnumerable(BehaviorSequenceRows.Create(dataset, index, task, split, shape.MaxHistory, shape.TagsPerBehavior, shape.QueryTokens), definition);
    }

    // Calls the factory on every enumeration, so each ML.NET cursor streams the file afresh.
    private sealed class ReEnumerable<T>(Func<IEnumerable<T>> factory) : IEnumerable<T>
    {
        public IEnumerator<T> GetEnumerator() => factory().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
