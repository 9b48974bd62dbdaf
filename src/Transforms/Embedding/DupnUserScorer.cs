using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML.OnnxRuntime;
using static Dupn.MLNet.DupnGraphNames;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Batched user embedding on ONNX Runtime directly: many rows per session call (ML.NET's
/// OnnxTransformer scores one row per call), each batch padded only to its longest history. One
/// instance may be used from many threads at once (ONNX Runtime sessions are thread-safe for Run
/// and the scorer keeps no other state).
/// </summary>
public sealed class DupnUserScorer : IDisposable
{
    private readonly InferenceSession _session;
    private readonly DupnOnnxModelInfo _info;
    private readonly string[] _outputs;

    /// <summary>Loads an exported 'user' graph from its bytes.</summary>
    public DupnUserScorer(byte[] model, SessionOptions? sessionOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        DupnOnnxIntegrity.Verify(model, "The user graph");
        _session = sessionOptions is null ? new InferenceSession(model) : new InferenceSession(model, sessionOptions);
        try
        {
            _info = DupnOnnxModelInfo.Read(_session, "The model bytes").Expect("The model bytes", "user");
        }
        catch
        {
            _session.Dispose();
            throw;
        }
        _outputs = new[] { DupnGraphNames.UserEmbedding, Attention, PppProbs }.Where(_info.Outputs.ContainsKey).ToArray();
    }

    /// <summary>Loads an exported 'user' graph from a file.</summary>
    public static DupnUserScorer Load(string path, SessionOptions? sessionOptions = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"The ONNX model '{path}' does not exist.", path);
        return new DupnUserScorer(File.ReadAllBytes(path), sessionOptions);
    }

    /// <summary>Size of one representation.</summary>
    public int Dimension => _info.Outputs[DupnGraphNames.UserEmbedding][^1];

    /// <summary>N, the longest history the model takes.</summary>
    public int MaxHistory => _info.MaxHistory;

    /// <summary>Scores all <paramref name="rows"/> in one session call.</summary>
    public DupnUserScores Score(IReadOnlyList<FeaturizedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inputs = DupnTensorPacker.PackUsers(_info, rows);
        try
        {
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, inputs, _outputs);
            float[] Get(string name) => results[Array.IndexOf(_outputs, name)].GetTensorDataAsSpan<float>().ToArray();
            int t = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
            bool ppp = _outputs.Contains(PppProbs);
            return new DupnUserScores(rows.Count, t, Dimension, Get(DupnGraphNames.UserEmbedding), Get(Attention),
                ppp ? Get(PppProbs) : null, ppp ? _info.Outputs[PppProbs][^1] : 0);
        }
        finally
        {
            DupnTensorPacker.DisposeAll(inputs);
        }
    }

    /// <summary>
    /// Embeds a stream of rows (e.g. a whole file for <c>dupn embed</c>) <paramref name="batchSize"/>
    /// at a time, yielding each row with its representation, in input order.
    /// </summary>
    public IEnumerable<(FeaturizedRow Row, float[] Embedding)> EmbedAll(IEnumerable<FeaturizedRow> rows, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
        return Iterate();

        IEnumerable<(FeaturizedRow, float[])> Iterate()
        {
            foreach (var chunk in rows.Chunk(batchSize))
            {
                var scores = Score(chunk);
                for (int i = 0; i < chunk.Length; i++)
                    yield return (chunk[i], scores.Embedding(i).ToArray());
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
