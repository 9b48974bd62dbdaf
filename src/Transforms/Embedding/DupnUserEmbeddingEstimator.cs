using Microsoft.ML;
using Microsoft.ML.Data;
using static Dupn.MLNet.DupnGraphNames;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Adds the DUPN user representation (and optionally the attention weights and PPP probabilities)
/// to every row by running an exported 'user' graph. Underneath it is a chain of ML.NET's own
/// transforms: ConvertType (source columns to the graph's input names and types), ApplyOnnxModel
/// (the graph; ML.NET stores its bytes in the saved model zip, so the fitted pipeline is one
/// self-contained file), CopyColumns to the output names and DropColumns of the temporaries. Fit
/// therefore returns a plain <see cref="TransformerChain{T}"/> that <c>mlContext.Model.Save</c> and
/// <c>Load</c> handle like any other.
/// </summary>
/// <remarks>The graph's input and output names (hist_item, ..., user_embedding) are used as temporary
/// column names and dropped afterwards: an input column with one of those names is hidden. The graph is
/// verified (its <c>dupn.sha256</c>) when the estimator is made; a saved zip is verified again when it is
/// loaded with <see cref="DupnModelZip.Load"/> (plain <c>mlContext.Model.Load</c> does not check it).</remarks>
public sealed class DupnUserEmbeddingEstimator : IEstimator<ITransformer>
{
    private readonly MLContext _mlContext;
    private readonly DupnUserEmbeddingOptions _options;
    private readonly byte[] _model;
    private readonly DupnOnnxModelInfo _info;
    private readonly int _historyLength;

    internal DupnUserEmbeddingEstimator(MLContext mlContext, DupnUserEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        _mlContext = mlContext;
        _options = options;
        string source;
        if (options.ModelBytes is not null == options.ModelPath is not null)
            throw new ArgumentException("DupnUserEmbeddingOptions needs exactly one of ModelPath and ModelBytes.", nameof(options));
        if (options.ModelPath is not null)
        {
            if (!File.Exists(options.ModelPath))
                throw new FileNotFoundException($"DupnUserEmbedding: the ONNX model '{options.ModelPath}' does not exist.", options.ModelPath);
            _model = File.ReadAllBytes(options.ModelPath);
            source = $"'{options.ModelPath}'";
        }
        else
        {
            _model = options.ModelBytes!;
            source = "The model bytes";
        }
        _info = DupnOnnxModelInfo.Read(_model, source).Expect(source, "user");
        _historyLength = options.HistoryLength ?? _info.MaxHistory;
        if (_historyLength <= 0)
            throw new ArgumentException($"DupnUserEmbeddingOptions.HistoryLength must be positive; it is {_historyLength}.", nameof(options));
        if (options.AddPpp && !_info.Outputs.ContainsKey(PppProbs))
            throw new ArgumentException($"DupnUserEmbeddingOptions.AddPpp is set but the model {source} has no PPP head.", nameof(options));
    }

    /// <summary>N, the size the history columns must have.</summary>
    public int HistoryLength => _historyLength;

    /// <summary>Validates the input columns, then fits the underlying chain (nothing is learned).</summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var (graphInput, column, size, _) in Bindings())
        {
            var col = input.Schema.GetColumnOrNull(column)
                ?? throw new ArgumentException($"DupnUserEmbedding: the input has no column '{column}' (for the graph input '{graphInput}').", nameof(input));
            if (col.Type is not VectorDataViewType vector || !vector.IsKnownSize || vector.Size != size)
                throw new ArgumentException($"DupnUserEmbedding: column '{column}' (graph input '{graphInput}') must be a vector of exactly {size} values; it is {col.Type}." +
                    (graphInput.StartsWith("hist_", StringComparison.Ordinal) ? $" Pad every history to N = {_historyLength} (left-aligned, 0 after the last behaviour) and give the mask." : ""), nameof(input));
            if (!IsNumeric(vector.ItemType))
                throw new ArgumentException($"DupnUserEmbedding: column '{column}' (graph input '{graphInput}') must hold numbers; it holds {vector.ItemType}.", nameof(input));
        }
        return BuildChain().Fit(input);
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        foreach (var (graphInput, column, _, _) in Bindings())
        {
            var col = inputSchema.FirstOrDefault(c => c.Name == column);
            if (col.Name is null)
                throw new ArgumentException($"DupnUserEmbedding: the input has no column '{column}' (for the graph input '{graphInput}').", nameof(inputSchema));
            if (col.Kind != SchemaShape.Column.VectorKind.Vector)
                throw new ArgumentException($"DupnUserEmbedding: column '{column}' (graph input '{graphInput}') must be a fixed-size vector; it is {col.Kind}.", nameof(inputSchema));
        }
        return BuildChain().GetOutputSchema(inputSchema);
    }

    /// <summary>(graph input, source column, required vector size, ML.NET type for the graph).</summary>
    private IEnumerable<(string GraphInput, string Column, int Size, DataKind Kind)> Bindings()
    {
        var o = _options;
        int n = _historyLength;
        (string, string, int, DataKind) Ids(string input, string column, int size) => (input, column, size, DataKind.Int64);
        yield return Ids(HistItem, o.HistoryItemColumnName, n);
        yield return Ids(HistShop, o.HistoryShopColumnName, n);
        yield return Ids(HistBrand, o.HistoryBrandColumnName, n);
        yield return Ids(HistCategory, o.HistoryCategoryColumnName, n);
        yield return Ids(HistTags, o.HistoryTagsColumnName, n * _info.LastDim(HistTags));
        if (_info.HasInput(HistType))
        {
            yield return Ids(HistType, o.HistoryTypeColumnName, n);
            yield return Ids(HistScene, o.HistorySceneColumnName, n);
            yield return Ids(HistTime, o.HistoryTimeColumnName, n);
        }
        yield return (HistMask, o.HistoryMaskColumnName, n, DataKind.Single);
        yield return Ids(Query, o.QueryColumnName, _info.LastDim(Query));
        if (_info.HasInput(Profile))
            yield return Ids(Profile, o.ProfileColumnName, _info.LastDim(Profile));
    }

    private IEstimator<ITransformer> BuildChain()
    {
        var o = _options;
        var t = _mlContext.Transforms;
        var bindings = Bindings().ToArray();
        var outputs = new List<(string Graph, string Column)> { (UserEmbedding, o.OutputColumnName) };
        if (o.AddAttention)
            outputs.Add((Attention, o.AttentionColumnName));
        if (o.AddPpp)
            outputs.Add((PppProbs, o.PppColumnName));

        // ML.NET feeds one row at a time: batch 1, history N, the fixed sizes from the graph. A
        // known-size column feeding a dynamic ONNX dimension needs its shape spelled out here.
        var shapes = new Dictionary<string, int[]>();
        foreach (var (input, _, _, _) in bindings)
            shapes[input] = _info.Inputs[input].Select((d, i) => i == 0 ? 1 : d < 0 ? _historyLength : d).ToArray();
        foreach (var (output, _) in outputs)
            shapes[output] = _info.Outputs[output].Select((d, i) => i == 0 ? 1 : d < 0 ? _historyLength : d).ToArray();

        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var (input, column, _, kind) in bindings)
            chain = chain.Append(t.Conversion.ConvertType(input, column, kind));
        chain = chain.Append(t.ApplyOnnxModel(outputs.Select(p => p.Graph).ToArray(), bindings.Select(b => b.GraphInput).ToArray(),
            new MemoryStream(_model, writable: false), shapes, o.GpuDeviceId, o.FallbackToCpu));
        foreach (var (graph, column) in outputs)
            chain = chain.Append(t.CopyColumns(column, graph));
        var temporaries = bindings.Select(b => b.GraphInput).Concat(outputs.Select(p => p.Graph))
            .Except(outputs.Select(p => p.Column)).Distinct().ToArray();
        return chain.Append(t.DropColumns(temporaries));
    }

    private static bool IsNumeric(DataViewType type) =>
        type is NumberDataViewType || type is KeyDataViewType || type is BooleanDataViewType;
}
