using Onnx;
using static Dupn.MLNet.DupnGraphNames;
using static Dupn.MLNet.Export.Onnx.OnnxGraphBuilder;

namespace Dupn.MLNet.Export.Graphs;

/// <summary>
/// Writes the user part of DUPN (docs/network.md "Equations"): embeddings, the property-gated
/// LSTM (the standard ONNX LSTM op, see <see cref="LstmWeightLayout"/>), attention pooling over the
/// valid steps, rep = [rep_s ; u] (then q and the history's counts c when the architecture asks for
/// them) with the optional rep_norm, and the PPP head.
/// </summary>
internal static class UserTowerWriter
{
    /// <summary>Declares the user inputs, writes the nodes and returns the value holding rep [B,RepresentationDim].</summary>
    public static string Write(DupnGraphContext ctx, out string attention)
    {
        var a = ctx.Arch;
        var b = ctx.Builder;
        const TensorProto.Types.DataType I64 = TensorProto.Types.DataType.Int64;
        bool propertyInLstm = a.Variant.PropertyInLstm(), propertyInAttention = a.Variant.PropertyInAttention();
        bool anyProperty = a.Variant.UsesProperty();

        string histItem = b.Input(HistItem, I64, BatchDim, HistoryDim);
        string histShop = b.Input(HistShop, I64, BatchDim, HistoryDim);
        string histBrand = b.Input(HistBrand, I64, BatchDim, HistoryDim);
        string histCategory = b.Input(HistCategory, I64, BatchDim, HistoryDim);
        string histTags = b.Input(HistTags, I64, BatchDim, HistoryDim, a.TagsPerBehavior);
        string? histType = null, histScene = null, histTime = null;
        if (anyProperty)
        {
            histType = b.Input(HistType, I64, BatchDim, HistoryDim);
            histScene = b.Input(HistScene, I64, BatchDim, HistoryDim);
            histTime = b.Input(HistTime, I64, BatchDim, HistoryDim);
        }
        string histMask = b.Input(HistMask, TensorProto.Types.DataType.Float, BatchDim, HistoryDim);
        string query = b.Input(Query, I64, BatchDim, a.QueryTokens);
        string? profile = a.ProfileVocabularies.Count > 0 ? b.Input(Profile, I64, BatchDim, a.ProfileVocabularies.Count) : null;

        // e_t = [item ; shop ; brand ; category ; mean of the non-zero tags]   [B,T,124]
        string e = ctx.ItemFeatures(histItem, histShop, histBrand, histCategory, histTags, idRank: 2);

        // One extra padded step at the end: every later op then sees T+1 >= 1 steps, so an empty
        // history (T = 0) takes the same path as a row with no valid step. It is sliced off the
        // attention output and carries zero weight everywhere else.
        string padStep3 = b.Int64Vector("pad_step", 0, 0, 0, 0, 1, 0);
        e = b.Node("Pad", [e, padStep3]);
        string mask = b.Node("Pad", [histMask, b.Int64Vector("pad_step", 0, 0, 0, 1)]);

        // p_t = [scene ; time ; type]   [B,T+1,48]
        string? p = null;
        if (anyProperty)
        {
            p = b.Node("Concat",
            [
                ctx.Embedding("embeddings.scene.weight", a.SceneVocabulary + 2, a.SceneDim, histScene!),
                ctx.Embedding("embeddings.time.weight", a.TimeBuckets, a.TimeDim, histTime!),
                ctx.Embedding("embeddings.type.weight", a.TypeVocabulary + 2, a.TypeDim, histType!),
            ], Attr("axis", 2L));
            p = b.Node("Pad", [p, padStep3]);
        }

        string valid = b.Node("Greater", [mask, b.FloatScalar("zero", 0f)]);          // [B,T+1] bool
        string hidden = WriteLstm(ctx, propertyInLstm ? b.Node("Concat", [e, p!], Attr("axis", 2L)) : e, mask, valid);

        // u = profile_bias + sum_j embeddings.profile{j}[profile_j]   [B,128]
        string u = WriteProfile(ctx, profile, histMask);
        // q = mean of the non-zero query tokens   [B,64]
        string q = ctx.MaskedMean("embeddings.query.weight", a.QueryVocabulary + 2, a.QueryDim, query, indexRank: 2);

        string weights = WriteAttention(ctx, q, p, hidden, u, valid, propertyInAttention);

        // rep_s = sum_t a_t h_t   [B,H]
        string repS = b.Node("Squeeze",
            [b.Node("MatMul", [b.Node("Unsqueeze", [weights, b.Int64Vector("axis", 1)]), hidden]), b.Int64Vector("axis", 1)]);
        attention = b.Node("Slice", [weights, b.Int64Vector("start", 0), b.Node("Shape", [histMask], Attr("start", 1L), Attr("end", 2L)), b.Int64Vector("axis", 1)]);

        var parts = new List<string> { repS, u };
        if (a.QueryInRepresentation)
            parts.Add(q);
        if (a.HistoryCountsInRepresentation)
            parts.Add(WriteHistoryCounts(ctx, e, histTags, padStep3, p, mask));
        string rep = b.Node("Concat", [.. parts], Attr("axis", 1L));
        if (a.UseBatchNorm)
        {
            int d = a.RepresentationDim;
            rep = b.Node("BatchNormalization",
            [
                rep, ctx.Param("rep_norm.weight", d), ctx.Param("rep_norm.bias", d),
                ctx.Param("rep_norm.running_mean", d), ctx.Param("rep_norm.running_var", d),
            ], Attr("epsilon", DupnOnnxExporter.BatchNormEpsilon));
        }
        return rep;
    }

    /// <summary>
    /// PPP head: softmax(out(relu(fc1(x))))   [B,7], x = rep or, with PppReadsProfileAndCounts, [u ; c] sliced
    /// from it; with PppLinearPath softmax(x linear^T + out(relu(fc1(x)))), one Gemm whose C is the MLP's logits.
    /// </summary>
    public static string WritePpp(DupnGraphContext ctx, string rep)
    {
        var a = ctx.Arch;
        var b = ctx.Builder;
        string x = rep;
        if (a.PppReadsProfileAndCounts)
        {
            var slices = a.PppInputRanges.Select(r => b.Node("Slice",
                [rep, b.Int64Vector("start", r.Start), b.Int64Vector("end", r.Start + r.Width), b.Int64Vector("axis", 1)])).ToArray();
            x = b.Node("Concat", slices, Attr("axis", 1L));
        }
        string hidden = ctx.Relu(ctx.Linear(x, "ppp.fc1", a.PppInputDim, a.HeadHidden));
        string logits = ctx.Linear(hidden, "ppp.out", a.HeadHidden, a.PppLevels);
        if (a.PppLinearPath)
            logits = b.Node("Gemm", [x, ctx.Param("ppp.linear", a.PppLevels, a.PppInputDim), logits], Attr("transB", 1L));
        return b.Node("Softmax", [logits], Attr("axis", -1L));
    }

    /// <summary>
    /// The LSTM over x [B,T+1,I]: sequence_lens = number of valid steps (sequences are left-aligned,
    /// so the state past them is the carried state). Returns h [B,T+1,H], zeroed on padded steps so
    /// that no runtime's choice of values there can leak into the pooling.
    /// </summary>
    private static string WriteLstm(DupnGraphContext ctx, string x, string mask, string valid)
    {
        var a = ctx.Arch;
        var b = ctx.Builder;
        int h = a.Hidden;
        var (w, r, bias, input) = LstmWeightLayout.Build(a, ctx.Weights);
        string wName = ctx.Derived("lstm.onnx_W", [1, 4 * h, input], w);
        string rName = ctx.Derived("lstm.onnx_R", [1, 4 * h, h], r);
        string bName = ctx.Derived("lstm.onnx_B", [1, 8 * h], bias);

        // At least 1: a row with no behaviour then runs one step over the appended padding (its
        // outputs are masked out below), so no runtime is handed a zero-length sequence.
        string count = b.Node("ReduceSum", [mask, b.Int64Vector("axis", 1)], Attr("keepdims", 0L));
        string lengths = b.Node("Cast", [b.Node("Max", [count, ctx.One])], Attr("to", (long)TensorProto.Types.DataType.Int32));
        string timeMajor = b.Node("Transpose", [x], Attr("perm", new long[] { 1, 0, 2 }));
        string y = b.Node("LSTM", [timeMajor, wName, rName, bName, lengths], ["lstm_Y", "", ""], Attr("hidden_size", (long)h))[0];
        // Y [T+1,1,B,H] -> [B,T+1,H]
        string batchMajor = b.Node("Transpose", [b.Node("Squeeze", [y, b.Int64Vector("axis", 1)])], Attr("perm", new long[] { 1, 0, 2 }));
        return b.Node("Where", [b.Node("Unsqueeze", [valid, b.Int64Vector("axis", 2)]), batchMajor, b.FloatScalar("zero", 0f)]);
    }

    /// <summary>
    /// c = sum_t g_t [category_t ; tags_t], g_t = sigmoid(counts.gate(p_t)) * mask_t (mask_t alone
    /// without a property): the last HistoryCountsDim columns of e, or e's category columns and the
    /// mean of c's own tag table (CountsTagDim), weighted and summed over the steps. e is [B,T+1,I],
    /// padded by <paramref name="padStep"/>. Returns c [B,HistoryCountsDim].
    /// </summary>
    private static string WriteHistoryCounts(DupnGraphContext ctx, string e, string histTags, string padStep, string? p, string mask)
    {
        var a = ctx.Arch;
        var b = ctx.Builder;
        int end = a.ItemFeatureDim;
        string x;
        if (a.CountsTagDim > 0)
        {
            int start = end - a.TagDim - a.CategoryDim;
            string category = b.Node("Slice", [e, b.Int64Vector("start", start), b.Int64Vector("end", start + a.CategoryDim), b.Int64Vector("axis", 2)]);
            string tags = b.Node("Pad", [ctx.MaskedMean("embeddings.counts_tag.weight", a.TagVocabulary + 2, a.CountsTagDim, histTags, indexRank: 3), padStep]);
            x = b.Node("Concat", [category, tags], Attr("axis", 2L));
        }
        else
        {
            x = b.Node("Slice", [e, b.Int64Vector("start", end - a.HistoryCountsDim), b.Int64Vector("end", end), b.Int64Vector("axis", 2)]);
        }
        string g = mask;
        if (p is not null)
        {
            string gate = b.Node("Sigmoid", [b.Node("Squeeze", [ctx.LinearNd(p, "counts.gate", a.PropertyDim, 1), b.Int64Vector("axis", 2)])]);
            g = b.Node("Mul", [gate, mask]);
        }
        // [B,1,T+1] x [B,T+1,D] -> [B,1,D] -> [B,D]
        return b.Node("Squeeze", [b.Node("MatMul", [b.Node("Unsqueeze", [g, b.Int64Vector("axis", 1)]), x]), b.Int64Vector("axis", 1)]);
    }

    private static string WriteProfile(DupnGraphContext ctx, string? profile, string histMask)
    {
        var a = ctx.Arch;
        var b = ctx.Builder;
        string bias = ctx.Param("embeddings.profile_bias", a.ProfileDim);
        if (profile is null)
        {
            // No profile column: u is the bias for every row; the batch size comes from hist_mask.
            string shape = b.Node("Concat", [b.Node("Shape", [histMask], Attr("start", 0L), Attr("end", 1L)), b.Int64Vector("dim", a.ProfileDim)], Attr("axis", 0L));
            return b.Node("Expand", [bias, shape]);
        }
        string u = bias;
        for (int j = 0; j < a.ProfileVocabularies.Count; j++)
        {
            string column = b.Node("Gather", [profile, b.Int64s($"profile_column_{j}", [], j)], Attr("axis", 1L));
            u = b.Node("Add", [u, ctx.Embedding($"embeddings.profile{j}.weight", a.ProfileVocabularies[j] + 2, a.ProfileDim, column)]);
        }
        return u;
    }

    /// <summary>
    /// s_t = fc3(relu(fc2(relu(fc1([q ; p_t ; h_t ; u]))))); fc1 is split by input block so that the
    /// per-user part W_q q + W_u u + b is computed once per row and broadcast over the steps. Softmax
    /// over the valid steps only; a row with none gets all-zero weights. Returns a [B,T+1].
    /// </summary>
    private static string WriteAttention(DupnGraphContext ctx, string q, string? p, string hidden, string u, string valid, bool propertyInAttention)
    {
        var a = ctx.Arch;
        var b = ctx.Builder;
        int a1 = a.AttentionHidden1;
        int inDim = a.QueryDim + (propertyInAttention ? a.PropertyDim : 0) + a.Hidden + a.ProfileDim;
        float[] fc1 = ctx.Values("attention.fc1.weight", a1, inDim);
        int offset = 0;
        string Block(string part, int width)
        {
            float[] block = DupnGraphContext.Transpose(DupnGraphContext.Columns(fc1, a1, inDim, offset, width), a1, width);
            offset += width;
            return ctx.Derived($"attention.fc1.weight_{part}_t", [width, a1], block);
        }
        string wq = Block("q", a.QueryDim);
        string? wp = propertyInAttention ? Block("p", a.PropertyDim) : null;
        string wh = Block("h", a.Hidden);
        string wu = Block("u", a.ProfileDim);

        string perUser = b.Node("Add", [b.Node("Add", [b.Node("MatMul", [q, wq]), b.Node("MatMul", [u, wu])]), ctx.Param("attention.fc1.bias", a1)]);
        string perStep = b.Node("MatMul", [hidden, wh]);
        if (wp is not null)
            perStep = b.Node("Add", [perStep, b.Node("MatMul", [p!, wp])]);
        string s1 = ctx.Relu(b.Node("Add", [perStep, b.Node("Unsqueeze", [perUser, b.Int64Vector("axis", 1)])]));
        string s2 = ctx.Relu(ctx.LinearNd(s1, "attention.fc2", a1, a.AttentionHidden2));
        string scores = b.Node("Squeeze", [ctx.LinearNd(s2, "attention.fc3", a.AttentionHidden2, 1), b.Int64Vector("axis", 2)]);

        // Masked softmax: the max and the exponentials see valid steps only (Where, not a
        // multiplication, so the discarded branch may hold inf without producing NaN).
        string lowest = b.FloatScalar("lowest", float.MinValue);
        string max = b.Node("ReduceMax", [b.Node("Where", [valid, scores, lowest])], Attr("axes", new long[] { 1 }), Attr("keepdims", 1L));
        string exps = b.Node("Where", [valid, b.Node("Exp", [b.Node("Sub", [scores, max])]), b.FloatScalar("zero", 0f)]);
        string sum = b.Node("ReduceSum", [exps, b.Int64Vector("axis", 1)], Attr("keepdims", 1L));
        string safeSum = b.Node("Where", [b.Node("Greater", [sum, b.FloatScalar("zero", 0f)]), sum, ctx.One]);
        return b.Node("Div", [exps, safeSum]);
    }
}
