using Dupn.MLNet.Trainers.Modules;

namespace Dupn.MLNet.Trainers.Training;

/// <summary>The trained network and the history of the run.</summary>
/// <param name="Network">The network after the last epoch run (in eval mode).</param>
/// <param name="Epochs">One report per finished epoch, including those of a run this one resumed.</param>
/// <param name="Steps">Optimiser steps taken in all.</param>
/// <param name="StoppedEarly">Whether early stopping ended the run.</param>
public sealed record DupnTrainingResult(DupnNetwork Network, IReadOnlyList<DupnEpochReport> Epochs, long Steps, bool StoppedEarly);
