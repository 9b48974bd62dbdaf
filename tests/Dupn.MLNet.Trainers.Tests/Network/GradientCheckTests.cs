using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Tests.Synthetic;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests.Network;

/// <summary>Backpropagation through the hand-written cell, the masked attention and the heads agrees with central finite differences in float64.</summary>
public class GradientCheckTests
{
    private static double Loss(DupnNetwork network, DupnBatch batch)
    {
        using var scope = NewDisposeScope();
        var rep = network.call(batch).Rep;
        double total = 0;
        foreach (var task in network.TaskNames)
            total += network.TaskOutput(task, rep, batch).pow(2).sum().item<double>() * 0.5;
        return total;
    }

    [Theory]
    [InlineData(DupnVariant.All, false)]
    [InlineData(DupnVariant.NoBp, false)]
    [InlineData(DupnVariant.BpLstm, false)]
    [InlineData(DupnVariant.BpAtt, false)]
    [InlineData(DupnVariant.All, true)]
    public void AnalyticGradientsMatchFiniteDifferences(DupnVariant variant, bool batchNorm)
    {
        using var scope = NewDisposeScope();
        // The history's counts are on so that the gate's gradient is checked too.
        var arch = SyntheticDupnData.Architecture(variant, dim: 4, hidden: 6, maxHistory: 5, batchNorm: batchNorm) with { HistoryCountsInRepresentation = true };
        var network = NetworkTestKit.Network(arch, seed: 21, dtype: ScalarType.Float64);
        if (batchNorm)
            network.train(); // batch statistics: the gradient must flow through them too (dropout is 0)
        var rows = new SyntheticDupnData(4, maxHistory: 5).Ctr(4);
        using var batch = NetworkTestKit.Batch(arch, rows, ScalarType.Float64);

        network.zero_grad();
        var rep = network.call(batch).Rep;
        Tensor loss = zeros(1, dtype: ScalarType.Float64);
        foreach (var task in network.TaskNames)
            loss = loss + network.TaskOutput(task, rep, batch).pow(2).sum() * 0.5;
        loss.backward();

        var parameters = network.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        string[] checkedNames = variant is DupnVariant.NoBp or DupnVariant.BpAtt
            ? ["lstm.weight_e", "lstm.weight_h", "attention.fc1.weight", "embeddings.item.weight", "embeddings.query.weight", "ctr.fc1.weight", "l2r.intercept"]
            : ["lstm.weight_e", "lstm.weight_p", "lstm.weight_h", "lstm.bias", "attention.fc1.weight", "attention.fc3.bias",
               "embeddings.tag.weight", "embeddings.type.weight", "embeddings.profile1.weight", "ppp.out.weight", "follow.fc1.weight", "item_tower.proj.weight",
               "counts.gate.weight", "counts.gate.bias", "embeddings.category.weight"];
        var random = new Random(1);
        const double eps = 1e-6;
        int compared = 0;
        foreach (var name in checkedNames)
        {
            var p = parameters[name];
            var flat = p.view(-1);
            var grad = p.grad!.view(-1);
            for (int n = 0; n < 4; n++)
            {
                long index = random.Next((int)flat.shape[0]);
                double original = flat[index].item<double>();
                using (no_grad()) flat[index] = tensor(original + eps);
                double plus = Loss(network, batch);
                using (no_grad()) flat[index] = tensor(original - eps);
                double minus = Loss(network, batch);
                using (no_grad()) flat[index] = tensor(original);
                double numeric = (plus - minus) / (2 * eps);
                double analytic = grad[index].item<double>();
                Assert.True(Math.Abs(numeric - analytic) <= 1e-6 + 1e-5 * Math.Abs(numeric),
                    $"{name}[{index}]: analytic {analytic}, numeric {numeric}");
                compared++;
            }
        }
        Assert.Equal(checkedNames.Length * 4, compared);
    }
}
