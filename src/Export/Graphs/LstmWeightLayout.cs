
namespace Dupn.MLNet.Export.Graphs;

/// <summary>
/// Re-lays the property-gated LSTM's PyTorch-style weights (gate order i, f, g, o; <c>weight_p</c>
/// only for i, f, o) into the W, R and B tensors of the standard ONNX <c>LSTM</c> operator (gate order
/// i, o, f, c) over the input X = [e_t ; p_t]. The candidate gate gets zero weights on the p columns,
/// which is exactly the paper's "no p_t in the candidate"; the bias goes to Wb and Rb is zero.
/// </summary>
internal static class LstmWeightLayout
{
    /// <summary>For each ONNX gate block (i, o, f, c): the PyTorch block in i, f, g, o order.</summary>
    private static readonly int[] TorchBlockOfOnnxGate = [0, 3, 1, 2];

    /// <summary>For each ONNX gate block (i, o, f, c): the block of weight_p (i, f, o order), -1 for none.</summary>
    private static readonly int[] PropertyBlockOfOnnxGate = [0, 2, 1, -1];

    public static (float[] W, float[] R, float[] B, int InputSize) Build(DupnArchitecture arch, StateDict weights)
    {
        int h = arch.Hidden, e = arch.ItemFeatureDim, p = arch.PropertyDim;
        bool withP = arch.Variant.PropertyInLstm();
        int input = withP ? e + p : e;
        float[] weightE = weights.Get("lstm.weight_e", 4 * h, e).Values;
        float[] weightH = weights.Get("lstm.weight_h", 4 * h, h).Values;
        float[] bias = weights.Get("lstm.bias", 4 * h).Values;
        float[]? weightP = withP ? weights.Get("lstm.weight_p", 3 * h, p).Values : null;
        if (!withP && weights.Contains("lstm.weight_p"))
            throw new ArgumentException($"The state dict has 'lstm.weight_p' but the variant {arch.Variant} uses no property in the LSTM; the weights and the architecture disagree.");

        var w = new float[4 * h * input];
        var r = new float[4 * h * h];
        var b = new float[8 * h];
        for (int gate = 0; gate < 4; gate++)
        {
            int torchBlock = TorchBlockOfOnnxGate[gate];
            int propertyBlock = PropertyBlockOfOnnxGate[gate];
            for (int row = 0; row < h; row++)
            {
                int onnxRow = gate * h + row, torchRow = torchBlock * h + row;
                Array.Copy(weightE, torchRow * e, w, onnxRow * input, e);
                if (weightP is not null && propertyBlock >= 0)
                    Array.Copy(weightP, (propertyBlock * h + row) * p, w, onnxRow * input + e, p);
                Array.Copy(weightH, torchRow * h, r, onnxRow * h, h);
                b[onnxRow] = bias[torchRow];
            }
        }
        return (w, r, b, input);
    }
}
