using Dupn.MLNet.Export.Onnx;
using Onnx;
using static Dupn.MLNet.Export.Onnx.OnnxGraphBuilder;

namespace Dupn.MLNet.Export.Graphs;

/// <summary>
/// What the user and item writers share: the builder, the architecture, the weights (each state-dict
/// tensor becomes at most one initializer, named as in the state dict) and the layer helpers.
/// </summary>
internal sealed class DupnGraphContext
{
    private readonly Dictionary<string, string> _params = new(StringComparer.Ordinal);

    public DupnGraphContext(OnnxGraphBuilder builder, DupnArchitecture architecture, StateDict weights)
    {
        Builder = builder;
        Arch = architecture;
        Weights = weights;
    }

    public OnnxGraphBuilder Builder { get; }
    public DupnArchitecture Arch { get; }
    public StateDict Weights { get; }

    /// <summary>The initializer of a state-dict tensor, checked against its expected shape; added once.</summary>
    public string Param(string name, params int[] shape)
    {
        if (_params.TryGetValue(name, out var existing))
            return existing;
        var tensor = Weights.Get(name, shape);
        _params[name] = Builder.Floats(name, tensor.Shape, tensor.Values);
        return name;
    }

    /// <summary>Values of a state-dict tensor, checked against its expected shape (for derived initializers).</summary>
    public float[] Values(string name, params int[] shape) => Weights.Get(name, shape).Values;

    /// <summary>A derived initializer (transposed or re-ordered weights) under a name that says where it came from.</summary>
    public string Derived(string name, int[] shape, float[] values)
    {
        if (_params.TryGetValue(name, out var existing))
            return existing;
        _params[name] = Builder.Floats(name, shape, values);
        return name;
    }

    /// <summary>Rows of the table <paramref name="tableName"/> ([V+2, dim]) gathered by an int64 index tensor of any shape.</summary>
    public string Embedding(string tableName, int rows, int dim, string indices)
        => Builder.Node("Gather", [Param(tableName, rows, dim), indices], Attr("axis", 0L));

    /// <summary>
    /// Mean of the embeddings of the non-zero indices along the last index axis (tags of a behaviour,
    /// query tokens); a zero vector where every index is 0. Indices of rank r give embeddings of rank r
    /// (the last index axis is pooled away and the embedding axis added).
    /// </summary>
    public string MaskedMean(string tableName, int rows, int dim, string indices, int indexRank)
    {
        var b = Builder;
        string emb = Embedding(tableName, rows, dim, indices);
        string nonZero = b.Node("Cast", [b.Node("Greater", [indices, Int64Zero])], Attr("to", (long)TensorProto.Types.DataType.Float));
        string lastAxis = b.Int64Vector("axis", indexRank - 1);
        string weighted = b.Node("Mul", [emb, b.Node("Unsqueeze", [nonZero, b.Int64Vector("axis", indexRank)])]);
        string sum = b.Node("ReduceSum", [weighted, lastAxis], Attr("keepdims", 0L));
        string count = b.Node("ReduceSum", [nonZero, lastAxis], Attr("keepdims", 0L));
        string safeCount = b.Node("Max", [b.Node("Unsqueeze", [count, b.Int64Vector("axis", indexRank - 1)]), One]);
        return b.Node("Div", [sum, safeCount]);
    }

    /// <summary>
    /// An item's features e = [item ; shop ; brand ; category ; mean of its non-zero tags] (124 wide with
    /// the paper's dimensions), from the shared embedding tables: for the history's behaviours (ids
    /// [B,T], tags [B,T,K]) or for a candidate (ids [B], tags [B,K]); the features go last.
    /// </summary>
    public string ItemFeatures(string item, string shop, string brand, string category, string tags, int idRank)
    {
        var a = Arch;
        return Builder.Node("Concat",
        [
            Embedding("embeddings.item.weight", a.ItemVocabulary + 2, a.ItemDim, item),
            Embedding("embeddings.shop.weight", a.ShopVocabulary + 2, a.ShopDim, shop),
            Embedding("embeddings.brand.weight", a.BrandVocabulary + 2, a.BrandDim, brand),
            Embedding("embeddings.category.weight", a.CategoryVocabulary + 2, a.CategoryDim, category),
            MaskedMean("embeddings.tag.weight", a.TagVocabulary + 2, a.TagDim, tags, indexRank: idRank + 1),
        ], OnnxGraphBuilder.Attr("axis", (long)idRank));
    }

    /// <summary>y = x W^T + b for x [B,in] (Gemm with the PyTorch [out,in] weight as is).</summary>
    public string Linear(string x, string prefix, int inDim, int outDim)
        => Builder.Node("Gemm", [x, Param(prefix + ".weight", outDim, inDim), Param(prefix + ".bias", outDim)], Attr("transB", 1L));

    /// <summary>y = x W^T + b for x of any rank ≥ 2 (MatMul with the transposed weight, then Add).</summary>
    public string LinearNd(string x, string prefix, int inDim, int outDim)
    {
        float[] w = Values(prefix + ".weight", outDim, inDim);
        string wt = Derived(prefix + ".weight_t", [inDim, outDim], Transpose(w, outDim, inDim));
        return Builder.Node("Add", [Builder.Node("MatMul", [x, wt]), Param(prefix + ".bias", outDim)]);
    }

    public string Relu(string x) => Builder.Node("Relu", [x]);

    private string? _int64Zero, _one;

    /// <summary>Scalar int64 0.</summary>
    public string Int64Zero => _int64Zero ??= Builder.Int64s("const_int64_zero", [], 0L);

    /// <summary>Scalar float 1.</summary>
    public string One => _one ??= Builder.FloatScalar("const_one", 1f);

    /// <summary>Row-major [rows, cols] to [cols, rows].</summary>
    public static float[] Transpose(float[] m, int rows, int cols)
    {
        var t = new float[m.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                t[c * rows + r] = m[r * cols + c];
        return t;
    }

    /// <summary>Columns [start, start+count) of a row-major [rows, cols] matrix.</summary>
    public static float[] Columns(float[] m, int rows, int cols, int start, int count)
    {
        var result = new float[rows * count];
        for (int r = 0; r < rows; r++)
            Array.Copy(m, r * cols + start, result, r * count, count);
        return result;
    }
}
