using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML.OnnxRuntime;
using static Dupn.MLNet.DupnGraphNames;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Split serving (docs/paper.md section 7.2): the user graph runs once per request, then the items graph
/// scores all K candidates in one call against that one representation (the graph broadcasts it,
/// so the user's share of each head's first layer is computed once too). Thread-safe.
/// </summary>
public sealed class DupnSplitScorer : IDisposable
{
    private readonly DupnUserScorer _user;
    private readonly InferenceSession _items;
    private readonly DupnOnnxModelInfo _itemsInfo;
    private readonly string[] _itemOutputs;

    /// <summary>From the bytes of an exported 'user' graph and the 'items' graph of the same network.</summary>
    public DupnSplitScorer(byte[] userGraph, byte[] itemsGraph, SessionOptions? sessionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(itemsGraph);
        DupnOnnxIntegrity.Verify(itemsGraph, "The items graph"); // before the user session exists, so a bad file leaks nothing
        _user = new DupnUserScorer(userGraph, sessionOptions);
        _items = sessionOptions is null ? new InferenceSession(itemsGraph) : new InferenceSession(itemsGraph, sessionOptions);
        _itemsInfo = DupnOnnxModelInfo.Read(_items, "The items graph").Expect("The items graph", "items");
        if (_itemsInfo.LastDim(UserEmbedding) != _user.Dimension)
            throw new ArgumentException($"The items graph takes a representation of {_itemsInfo.LastDim(UserEmbedding)} values; the user graph gives {_user.Dimension}: they are not from the same network.");
        _itemOutputs = _items.OutputMetadata.Keys.ToArray();
    }

    /// <summary>The user part, for callers that keep it (e.g. per session).</summary>
    public DupnUserScorer User => _user;

    /// <summary>Scores <paramref name="candidates"/> for one request: the user graph once, the items graph once over all candidates.</summary>
    public DupnItemScores ScoreCandidates(FeaturizedRow request, IReadOnlyList<DupnCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = _user.Score([request]);
        return ScoreItems(user.Embedding(0), candidates);
    }

    /// <summary>Scores <paramref name="candidates"/> against a representation computed before.</summary>
    public DupnItemScores ScoreItems(ReadOnlySpan<float> userEmbedding, IReadOnlyList<DupnCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (userEmbedding.Length != _user.Dimension)
            throw new ArgumentException($"The representation has {userEmbedding.Length} values; the model's has {_user.Dimension}.", nameof(userEmbedding));
        var inputs = DupnTensorPacker.PackCandidates(_itemsInfo, candidates);
        try
        {
            inputs[UserEmbedding] = OrtValue.CreateTensorValueFromMemory(userEmbedding.ToArray(), [1, userEmbedding.Length]);
        }
        catch
        {
            DupnTensorPacker.DisposeAll(inputs);
            throw;
        }
        return DupnItemScores.Run(_items, inputs, _itemOutputs);
    }

    public void Dispose()
    {
        _user.Dispose();
        _items.Dispose();
    }
}
