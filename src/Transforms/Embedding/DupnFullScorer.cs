using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML.OnnxRuntime;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Scores candidates with the exported 'full' graph: the request's history is repeated for every
/// candidate, so the user part runs K times. The simple path, and the baseline the split serving of
/// <see cref="DupnSplitScorer"/> is measured against. Thread-safe.
/// </summary>
public sealed class DupnFullScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly DupnOnnxModelInfo _info;
    private readonly string[] _itemOutputs;

    public DupnFullScorer(byte[] fullGraph, SessionOptions? sessionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(fullGraph);
        DupnOnnxIntegrity.Verify(fullGraph, "The full graph");
        _session = sessionOptions is null ? new InferenceSession(fullGraph) : new InferenceSession(fullGraph, sessionOptions);
        _info = DupnOnnxModelInfo.Read(_session, "The full graph").Expect("The full graph", "full");
        _itemOutputs = DupnItemScores.HeadsOf(_info);
    }

    /// <summary>Scores each candidate with the request's history, all in one session call.</summary>
    public DupnItemScores ScoreCandidates(FeaturizedRow request, IReadOnlyList<DupnCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        var inputs = DupnTensorPacker.PackUsers(_info, [request], repeat: candidates.Count);
        try
        {
            foreach (var (name, value) in DupnTensorPacker.PackCandidates(_info, candidates))
                inputs[name] = value;
        }
        catch
        {
            DupnTensorPacker.DisposeAll(inputs);
            throw;
        }
        return DupnItemScores.Run(_session, inputs, _itemOutputs);
    }

    public void Dispose() => _session.Dispose();
}
