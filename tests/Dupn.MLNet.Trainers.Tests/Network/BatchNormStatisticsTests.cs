using Dupn.MLNet.Trainers.Tests.Synthetic;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests.Network;

/// <summary>docs/paper.md 7.3: inference normalises with statistics re-estimated on the traffic it will serve.</summary>
public class BatchNormStatisticsTests
{
    [Fact]
    public void RecomputedStatisticsAreTheExactMeanAndVarianceOfRepOverTheGivenRows()
    {
        using var scope = NewDisposeScope();
        var arch = SyntheticDupnData.Architecture(batchNorm: true);
        var network = NetworkTestKit.Network(arch);
        var rows = new SyntheticDupnData(8).Ctr(50);
        network.RecomputeBatchNormStatistics(rows, batchSize: 16); // several chunks: the sums must combine exactly

        var noNorm = NetworkTestKit.Network(arch with { UseBatchNorm = false });
        var sd = network.ToStateDict();
        var withoutNorm = new global::Dupn.MLNet.StateDict();
        foreach (var name in sd.Names.Where(n => !n.StartsWith("rep_norm.", StringComparison.Ordinal)))
            withoutNorm.Add(name, sd[name].Shape, sd[name].Values);
        noNorm.LoadStateDict(withoutNorm);
        using var batch = NetworkTestKit.Batch(arch, rows);
        var rep = noNorm.call(batch).Rep.to_type(ScalarType.Float64);
        var mean = rep.mean([0]);
        var variance = rep.var(0, unbiased: true);

        var runningMean = tensor(sd["rep_norm.running_mean"].Values).to_type(ScalarType.Float64);
        Assert.True(runningMean.allclose(mean, rtol: 1e-4, atol: 1e-5), $"running_mean is not the mean of rep: {string.Join(",", sd["rep_norm.running_mean"].Values.Take(4))} vs {string.Join(",", mean.data<double>().ToArray().Take(4))}");
        var runningVar = tensor(network.ToStateDict()["rep_norm.running_var"].Values).to_type(ScalarType.Float64);
        Assert.True(runningVar.allclose(variance, rtol: 1e-3, atol: 1e-5), "running_var is not the unbiased variance of rep");

        // In inference each rep column is then standardised over these rows (weight 1, bias 0 at init).
        var normalised = network.call(batch).Rep.to_type(ScalarType.Float64);
        Assert.True(normalised.mean([0]).abs().max().item<double>() < 1e-3);
    }

    [Fact]
    public void ANetworkWithoutBatchNormSaysSo()
    {
        var network = NetworkTestKit.Network(SyntheticDupnData.Architecture());
        var error = Assert.Throws<InvalidOperationException>(() => network.RecomputeBatchNormStatistics(new SyntheticDupnData(1).Ctr(4)));
        Assert.Contains("UseBatchNorm", error.Message);
    }
}
