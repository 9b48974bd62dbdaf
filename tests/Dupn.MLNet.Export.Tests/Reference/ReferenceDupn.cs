
namespace Dupn.MLNet.Export.Tests.Reference;

/// <summary>The outputs of the network for one batch, row-major.</summary>
internal sealed class DupnOutputs
{
    public float[] UserEmbedding = [], Attention = [], PppProbs = [], Ctr = [], L2r = [], Follow = [], ShopPref = [];
}

/// <summary>
/// An independent forward pass of docs/network.md "Equations", written step by step in double
/// precision with plain loops: the full [q ; p_t ; h_t ; u] concatenation, the PyTorch gate order,
/// the state carried on masked steps, softmax over the valid steps. It shares nothing with the
/// exporter but the state-dict names.
/// </summary>
internal sealed class ReferenceDupn
{
    private readonly DupnArchitecture _a;
    private readonly StateDict _w;

    public ReferenceDupn(DupnArchitecture architecture, StateDict weights)
    {
        _a = architecture;
        _w = weights;
    }

    public DupnOutputs Forward(DupnBatch x)
    {
        var a = _a;
        int d = a.RepresentationDim;
        var o = new DupnOutputs
        {
            UserEmbedding = new float[x.B * d], Attention = new float[x.B * x.T], PppProbs = new float[x.B * a.PppLevels],
            Ctr = new float[x.B], L2r = new float[x.B], Follow = new float[x.B], ShopPref = new float[x.B],
        };
        for (int b = 0; b < x.B; b++)
        {
            double[] rep = User(x, b, out double[] attention);
            for (int i = 0; i < d; i++)
                o.UserEmbedding[b * d + i] = (float)rep[i];
            for (int t = 0; t < x.T; t++)
                o.Attention[b * x.T + t] = (float)attention[t];
            if (a.Tasks.Contains(DupnTask.Ppp))
            {
                // The head reads the architecture's ranges of rep, in order (all of it, or [u ; c]).
                double[] input = a.PppInputRanges.SelectMany(r => rep.Skip(r.Start).Take(r.Width)).ToArray();
                double[] logits = Linear("ppp.out", Relu(Linear("ppp.fc1", input)));
                if (a.PppLinearPath)
                    logits = logits.Zip(MatVec("ppp.linear", input), (m, l) => m + l).ToArray();
                double[] probs = Softmax(logits);
                for (int i = 0; i < probs.Length; i++)
                    o.PppProbs[b * a.PppLevels + i] = (float)probs[i];
            }
            Items(x, b, rep, o);
        }
        return o;
    }

    /// <summary>The item heads for candidate row <paramref name="b"/> over a given rep.</summary>
    public void Items(DupnBatch x, int b, double[] rep, DupnOutputs o)
    {
        var a = _a;
        double ctrLogit = double.NaN;
        if (a.Tasks.Contains(DupnTask.Ctr))
        {
            double[] e = Concat(Row("embeddings.item.weight", x.Item[b]), Row("embeddings.shop.weight", x.Shop[b]),
                Row("embeddings.brand.weight", x.Brand[b]), Row("embeddings.category.weight", x.Category[b]),
                MeanOfNonZero("embeddings.tag.weight", x.ItemTags, b * x.K, x.K));
            double[] item = Linear("item_tower.proj", e);
            ctrLogit = Linear("ctr.out", Relu(Linear("ctr.fc2", Relu(Linear("ctr.fc1", HeadInput("ctr", rep, item))))))[0];
            o.Ctr[b] = (float)Sigmoid(ctrLogit);
        }
        if (a.Tasks.Contains(DupnTask.L2r))
        {
            double[] w = Linear("l2r.fc2", Relu(Linear("l2r.fc1", rep)));
            if (!a.SignedL2rWeights)
                w = Relu(w);
            double score = _w["l2r.intercept"].Values[0];
            for (int j = 0; j < x.M; j++)
                score += w[j] * x.RankingFeatures[b * x.M + j];
            if (a.CtrScoreAsRankingFeature)
                score += w[x.M] * ctrLogit;
            o.L2r[b] = (float)score;
        }
        if (a.Tasks.Contains(DupnTask.Follow))
        {
            double[] talent = Concat(Row("embeddings.talent.weight", x.Talent[b]), MeanOfNonZero("embeddings.talent_tag.weight", x.TalentTags, b * x.K, x.K));
            o.Follow[b] = (float)Sigmoid(Linear("follow.out", Relu(Linear("follow.fc2", Relu(Linear("follow.fc1", HeadInput("follow", rep, talent))))))[0]);
        }
        if (a.Tasks.Contains(DupnTask.ShopPref))
        {
            double[] shop = Linear("shop_pref.proj", Row("embeddings.shop.weight", x.TargetShop[b]));
            o.ShopPref[b] = (float)Sigmoid(Linear("shop_pref.out", Relu(Linear("shop_pref.fc2", Relu(Linear("shop_pref.fc1", HeadInput("shop_pref", rep, shop))))))[0]);
        }
    }

    /// <summary>rep of row <paramref name="b"/> and its attention weights over the T steps.</summary>
    public double[] User(DupnBatch x, int b, out double[] attention)
    {
        var a = _a;
        int h = a.Hidden, T = x.T;
        bool pLstm = a.Variant.PropertyInLstm(), pAtt = a.Variant.PropertyInAttention();
        var hs = new double[T][];
        var ps = new double[T][];
        var es = new double[T][];
        double[] hPrev = new double[h], cPrev = new double[h];
        float[] we = _w["lstm.weight_e"].Values, wh = _w["lstm.weight_h"].Values, bias = _w["lstm.bias"].Values;
        float[]? wp = pLstm ? _w["lstm.weight_p"].Values : null;
        int ed = a.ItemFeatureDim, pd = a.PropertyDim;
        for (int t = 0; t < T; t++)
        {
            int i = b * T + t;
            double[] e = Concat(Row("embeddings.item.weight", x.HistItem[i]), Row("embeddings.shop.weight", x.HistShop[i]),
                Row("embeddings.brand.weight", x.HistBrand[i]), Row("embeddings.category.weight", x.HistCategory[i]),
                MeanOfNonZero("embeddings.tag.weight", x.HistTags, i * x.K, x.K));
            double[] p = Concat(Row("embeddings.scene.weight", x.HistScene[i]), Row("embeddings.time.weight", x.HistTime[i]), Row("embeddings.type.weight", x.HistType[i]));
            ps[t] = p;
            es[t] = e;
            if (x.HistMask[i] == 0)
            {
                hs[t] = hPrev; // padding: the state is carried unchanged
                continue;
            }
            var z = new double[4 * h];
            for (int r = 0; r < 4 * h; r++)
            {
                double s = bias[r];
                for (int c = 0; c < ed; c++)
                    s += we[r * ed + c] * e[c];
                for (int c = 0; c < h; c++)
                    s += wh[r * h + c] * hPrev[c];
                z[r] = s;
            }
            if (wp is not null)
            {
                // weight_p rows: i, f, o -> z blocks 0, 1, 3 (PyTorch order i, f, g, o)
                int[] block = [0, 1, 3];
                for (int g = 0; g < 3; g++)
                    for (int r = 0; r < h; r++)
                    {
                        double s = 0;
                        for (int c = 0; c < pd; c++)
                            s += wp[(g * h + r) * pd + c] * p[c];
                        z[block[g] * h + r] += s;
                    }
            }
            var hNew = new double[h];
            var cNew = new double[h];
            for (int r = 0; r < h; r++)
            {
                double ig = Sigmoid(z[r]), fg = Sigmoid(z[h + r]), gg = Math.Tanh(z[2 * h + r]), og = Sigmoid(z[3 * h + r]);
                cNew[r] = fg * cPrev[r] + ig * gg;
                hNew[r] = og * Math.Tanh(cNew[r]);
            }
            hs[t] = hPrev = hNew;
            cPrev = cNew;
        }

        double[] q = MeanOfNonZero("embeddings.query.weight", x.Query, b * x.Q, x.Q);
        double[] u = _w["embeddings.profile_bias"].Values.Select(v => (double)v).ToArray();
        for (int j = 0; j < x.P; j++)
        {
            double[] row = Row($"embeddings.profile{j}.weight", x.Profile[b * x.P + j]);
            for (int c = 0; c < u.Length; c++)
                u[c] += row[c];
        }

        attention = new double[T];
        var scores = new double[T];
        double max = double.NegativeInfinity;
        for (int t = 0; t < T; t++)
        {
            if (x.HistMask[b * T + t] == 0)
                continue;
            double[] input = pAtt ? Concat(q, ps[t], hs[t], u) : Concat(q, hs[t], u);
            scores[t] = Linear("attention.fc3", Relu(Linear("attention.fc2", Relu(Linear("attention.fc1", input)))))[0];
            max = Math.Max(max, scores[t]);
        }
        double sum = 0;
        for (int t = 0; t < T; t++)
            if (x.HistMask[b * T + t] != 0)
                sum += attention[t] = Math.Exp(scores[t] - max);
        var repS = new double[h];
        for (int t = 0; t < T; t++)
        {
            if (sum == 0)
                break; // empty history: all-zero attention and rep_s
            attention[t] /= sum;
            for (int c = 0; c < h; c++)
                repS[c] += attention[t] * hs[t][c];
        }

        double[] rep = a.QueryInRepresentation ? Concat(repS, u, q) : Concat(repS, u);
        if (a.HistoryCountsInRepresentation)
        {
            // c = sum over valid steps of g_t [category_t ; tags_t], g_t = sigmoid(counts.gate(p_t)) or 1 without a property;
            // the tags from c's own table when CountsTagDim > 0
            int width = a.HistoryCountsDim;
            bool gated = a.Variant.UsesProperty();
            var counts = new double[width];
            for (int t = 0; t < T; t++)
            {
                int i = b * T + t;
                if (x.HistMask[i] == 0)
                    continue;
                double[] shared = a.CountsTagDim > 0
                    ? Concat(Row("embeddings.category.weight", x.HistCategory[i]), MeanOfNonZero("embeddings.counts_tag.weight", x.HistTags, i * x.K, x.K))
                    : es[t][(ed - width)..];
                double g = gated ? Sigmoid(Linear("counts.gate", ps[t])[0]) : 1.0;
                for (int c = 0; c < width; c++)
                    counts[c] += g * shared[c];
            }
            rep = Concat(rep, counts);
        }
        if (a.UseBatchNorm)
        {
            float[] g = _w["rep_norm.weight"].Values, beta = _w["rep_norm.bias"].Values, mean = _w["rep_norm.running_mean"].Values, variance = _w["rep_norm.running_var"].Values;
            for (int c = 0; c < rep.Length; c++)
                rep[c] = (rep[c] - mean[c]) / Math.Sqrt(variance[c] + 1e-5) * g[c] + beta[c];
        }
        return rep;
    }

    /// <summary>fc1's input: [rep ; candidate], plus match(rep) * candidate with the candidate interaction.</summary>
    private double[] HeadInput(string prefix, double[] rep, double[] candidate)
    {
        if (!_a.CandidateInteraction)
            return Concat(rep, candidate);
        var match = _w[prefix + ".match.weight"];
        var product = new double[candidate.Length];
        for (int r = 0; r < candidate.Length; r++)
        {
            double s = 0;
            for (int c = 0; c < rep.Length; c++)
                s += match.Values[r * rep.Length + c] * rep[c];
            product[r] = s * candidate[r];
        }
        return Concat(rep, candidate, product);
    }

    private double[] Linear(string prefix, double[] input)
    {
        double[] y = MatVec(prefix + ".weight", input);
        float[] bias = _w[prefix + ".bias"].Values;
        for (int r = 0; r < y.Length; r++)
            y[r] += bias[r];
        return y;
    }

    /// <summary>W x for the weight <paramref name="name"/> [out, in], no bias.</summary>
    private double[] MatVec(string name, double[] input)
    {
        var weight = _w[name];
        float[] w = weight.Values;
        int outDim = weight.Shape[0], inDim = weight.Shape[1];
        if (inDim != input.Length)
            throw new InvalidOperationException($"{name}: input {input.Length}, weight expects {inDim}.");
        var y = new double[outDim];
        for (int r = 0; r < outDim; r++)
        {
            double s = 0;
            for (int c = 0; c < inDim; c++)
                s += w[r * inDim + c] * input[c];
            y[r] = s;
        }
        return y;
    }

    private double[] Row(string table, long index)
    {
        var tensor = _w[table];
        int dim = tensor.Shape[1];
        return tensor.Values.Skip((int)index * dim).Take(dim).Select(v => (double)v).ToArray();
    }

    private double[] MeanOfNonZero(string table, long[] indices, int offset, int count)
    {
        int dim = _w[table].Shape[1];
        var sum = new double[dim];
        int n = 0;
        for (int j = 0; j < count; j++)
        {
            if (indices[offset + j] == 0)
                continue;
            n++;
            double[] row = Row(table, indices[offset + j]);
            for (int c = 0; c < dim; c++)
                sum[c] += row[c];
        }
        if (n > 0)
            for (int c = 0; c < dim; c++)
                sum[c] /= n;
        return sum;
    }

    private static double[] Concat(params double[][] parts) => parts.SelectMany(p => p).ToArray();
    private static double[] Relu(double[] v) => v.Select(x => Math.Max(0, x)).ToArray();
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double[] Softmax(double[] v)
    {
        double max = v.Max();
        double[] e = v.Select(x => Math.Exp(x - max)).ToArray();
        double s = e.Sum();
        return e.Select(x => x / s).ToArray();
    }
}
