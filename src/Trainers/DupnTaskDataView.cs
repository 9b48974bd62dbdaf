using Microsoft.ML;

namespace Dupn.MLNet.Trainers;

/// <summary>
/// One task's featurised rows as ML.NET data views: the output of <c>FeaturizeBehaviorSequence</c>
/// on <c>mlContext.Data.LoadBehaviorSequences(...)</c> (Int32 indices, the columns of
/// <see cref="Transforms.Featurization.FeaturizedRow"/>).
/// </summary>
/// <param name="Task">ctr, l2r, ppp, follow or shop_pref (or a custom head's name).</param>
/// <param name="Train">The training rows.</param>
/// <param name="Validation">Held-out rows evaluated each epoch; null for none.</param>
public sealed record DupnTaskDataView(string Task, IDataView Train, IDataView? Validation = null);
