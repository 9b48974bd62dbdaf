using Microsoft.ML;

namespace Dupn.MLNet.Trainers;

/// <summary>What <see cref="DupnUserEmbeddingTrainingEstimator.FitAndTrain"/> produced.</summary>
/// <param name="Transformer">The fitted ONNX-backed embedding transform (what <c>Fit</c> returns; saves and loads with <c>mlContext.Model</c>).</param>
/// <param name="Model">The trained model: architecture, featuriser, weights and the per-epoch held-out metrics (<see cref="DupnModelInfo.History"/>).</param>
/// <param name="UserGraph">The exported 'user' ONNX graph the transform runs.</param>
/// <param name="Run">The training run: the live network, the trainer's epochs and steps, the featurised data.</param>
public sealed record DupnUserEmbeddingTrainingResult(ITransformer Transformer, DupnModel Model, byte[] UserGraph, DupnModelTrainingRun Run);
