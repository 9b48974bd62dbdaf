using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests.Network;

/// <summary>The cell against the equations of docs/paper.md section 2, computed by hand in doubles.</summary>
public class PropertyGatedLstmTests
{
    // H = 2, E = 2, P = 1. Rows of the 4H-blocks are ordered i, f, g, o.
    private static readonly double[,] WeightE =
    {
        { 0.1, -0.2 }, { 0.3, 0.1 },    // i
        { -0.1, 0.2 }, { 0.05, 0.4 },   // f
        { 0.5, -0.3 }, { -0.2, 0.6 },   // g
        { 0.2, 0.2 }, { -0.4, 0.1 },    // o
    };
    private static readonly double[,] WeightP = { { 0.7 }, { -0.5 }, { 0.3 }, { 0.9 }, { -0.6 }, { 0.4 } }; // i, f, o
    private static readonly double[,] WeightH =
    {
        { 0.1, 0.0 }, { 0.0, 0.2 }, { -0.3, 0.1 }, { 0.2, -0.1 },
        { 0.4, 0.3 }, { -0.2, 0.5 }, { 0.1, 0.1 }, { -0.3, 0.2 },
    };
    private static readonly double[] Bias = { 0.01, -0.02, 0.03, 0.0, -0.05, 0.04, 0.02, -0.01 };

    private static PropertyGatedLstm Cell(bool withProperty)
    {
        var lstm = new PropertyGatedLstm(2, withProperty ? 1 : 0, 2);
        lstm.to(ScalarType.Float64);
        using (no_grad())
        {
            var p = lstm.named_parameters().ToDictionary(x => x.name, x => x.parameter);
            p["weight_e"].copy_(tensor(WeightE));
            p["weight_h"].copy_(tensor(WeightH));
            p["bias"].copy_(tensor(Bias));
            if (withProperty)
                p["weight_p"].copy_(tensor(WeightP));
        }
        return lstm;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>The equations, with p in i, f, o only.</summary>
    private static (double[] H, double[] C) ByHand(double[] e, double p, double[] h, double[] c, bool withProperty)
    {
        double Row(int r, bool gated) =>
            WeightE[r, 0] * e[0] + WeightE[r, 1] * e[1] + WeightH[r, 0] * h[0] + WeightH[r, 1] * h[1] + Bias[r]
            + (gated && withProperty ? WeightP[r < 4 ? r : r - 2, 0] * p : 0);
        var hNew = new double[2]; var cNew = new double[2];
        for (int k = 0; k < 2; k++)
        {
            double i = Sigmoid(Row(k, true)), f = Sigmoid(Row(2 + k, true)), g = Math.Tanh(Row(4 + k, false)), o = Sigmoid(Row(6 + k, true));
            cNew[k] = f * c[k] + i * g;
            hNew[k] = o * Math.Tanh(cNew[k]);
        }
        return (hNew, cNew);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(-2.0)]
    public void StepMatchesTheEquationsWithThePropertyOnlyInTheIfoGates(double p)
    {
        using var scope = NewDisposeScope();
        var lstm = Cell(withProperty: true);
        double[] e = { 0.8, -0.6 }, h = { 0.3, -0.2 }, c = { 0.5, 0.1 };
        var (hT, cT) = lstm.Step(tensor(e).unsqueeze(0), tensor(new[] { p }).unsqueeze(0), tensor(h).unsqueeze(0), tensor(c).unsqueeze(0));
        var (hExp, cExp) = ByHand(e, p, h, c, withProperty: true);
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(hExp[k], hT[0, k].item<double>(), 12);
            Assert.Equal(cExp[k], cT[0, k].item<double>(), 12);
        }
    }

    [Fact]
    public void ThePropertyNeverReachesTheCandidate()
    {
        using var scope = NewDisposeScope();
        var lstm = Cell(withProperty: true);
        // With i = 1 and f = 0 (huge gate inputs) c_t = g exactly, so c_t reveals the candidate:
        // it must not move when p does.
        using (no_grad())
        {
            var b = lstm.named_parameters().First(x => x.name == "bias").parameter;
            b.copy_(tensor(new double[] { 50, 50, -50, -50, 0.03, 0.0, 0, 0 }));
        }
        var e = tensor(new[] { 0.8, -0.6 }).unsqueeze(0);
        var zero = zeros(1, 2, dtype: ScalarType.Float64);
        var cs = new[] { -1.0, 0.0, 1.0 }.Select(p => lstm.Step(e, tensor(new[] { p }).unsqueeze(0), zero, zero).C).ToArray();
        var hs = new[] { -1.0, 0.0, 1.0 }.Select(p => lstm.Step(e, tensor(new[] { p }).unsqueeze(0), zero, zero).H).ToArray();
        Assert.True(cs[0].allclose(cs[1], rtol: 0, atol: 1e-12) && cs[1].allclose(cs[2], rtol: 0, atol: 1e-12), "c_t (= g here) changed with p: the property reached the candidate");
        Assert.False(hs[0].allclose(hs[2], rtol: 0, atol: 1e-6), "h_t should still depend on p through the output gate");
        // And the gradient of the candidate's own parameters with respect to p is structurally absent: weight_p has 3H rows.
        Assert.Equal(new long[] { 6, 1 }, lstm.named_parameters().First(x => x.name == "weight_p").parameter.shape);
    }

    [Fact]
    public void WithoutPropertyTheCellIgnoresP()
    {
        using var scope = NewDisposeScope();
        var lstm = Cell(withProperty: false);
        Assert.DoesNotContain(lstm.named_parameters(), x => x.name == "weight_p");
        double[] e = { 0.8, -0.6 }, h = { 0.3, -0.2 }, c = { 0.5, 0.1 };
        var (hT, _) = lstm.Step(tensor(e).unsqueeze(0), tensor(new[] { 3.0 }).unsqueeze(0), tensor(h).unsqueeze(0), tensor(c).unsqueeze(0));
        var (hExp, _) = ByHand(e, 3.0, h, c, withProperty: false);
        Assert.Equal(hExp[0], hT[0, 0].item<double>(), 12);
        Assert.Equal(hExp[1], hT[0, 1].item<double>(), 12);
    }

    [Fact]
    public void RunCarriesTheStateUnchangedOverPaddedSteps()
    {
        using var scope = NewDisposeScope();
        TorchRuntime.Seed(3);
        var lstm = Cell(withProperty: true);
        var e = randn(1, 4, 2, dtype: ScalarType.Float64);
        var p = randn(1, 4, 1, dtype: ScalarType.Float64);
        var mask = tensor(new double[] { 1, 0, 1, 0 }).unsqueeze(0);
        var h = lstm.Run(e, p, mask);
        // Steps 0 and 2 by hand, step 1 and 3 repeat the previous state.
        double[] hPrev = { 0, 0 }, cPrev = { 0, 0 };
        var expected = new List<double[]>();
        for (int t = 0; t < 4; t++)
        {
            if (mask[0, t].item<double>() > 0)
                (hPrev, cPrev) = ByHand([e[0, t, 0].item<double>(), e[0, t, 1].item<double>()], p[0, t, 0].item<double>(), hPrev, cPrev, true);
            expected.Add(hPrev);
        }
        for (int t = 0; t < 4; t++)
            for (int k = 0; k < 2; k++)
                Assert.Equal(expected[t][k], h[0, t, k].item<double>(), 12);
    }
}
