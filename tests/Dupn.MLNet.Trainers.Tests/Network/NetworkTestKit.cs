using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Batching;
using Dupn.MLNet.Trainers.Modules;
using Dupn.MLNet.Trainers.Runtime;
using Dupn.MLNet.Trainers.Tests.Synthetic;
using TorchSharp;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests.Network;

/// <summary>Tiny seeded networks and batches for the logic tests.</summary>
internal static class NetworkTestKit
{
    public static DupnNetwork Network(DupnArchitecture arch, long seed = 11, double dropout = 0, ScalarType dtype = ScalarType.Float32)
    {
        TorchRuntime.Seed(seed);
        var network = new DupnNetwork(arch, dropout: dropout);
        network.to(dtype);
        network.eval();
        return network;
    }

    public static DupnBatch Batch(DupnArchitecture arch, IReadOnlyList<FeaturizedRow> rows, ScalarType dtype = ScalarType.Float32) =>
        new DupnCollator(arch, dtype).Collate(rows);

    public static List<FeaturizedRow> Rows(int count, int seed = 5) => new SyntheticDupnData(seed).Ctr(count);
}
