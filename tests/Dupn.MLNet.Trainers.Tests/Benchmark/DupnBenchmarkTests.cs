using Dupn.MLNet.Export.Model;
using Dupn.MLNet.Trainers.Dupn.Benchmark;
using Dupn.MLNet.Trainers.Tests.Synthetic;

namespace Dupn.MLNet.Trainers.Tests.Benchmark;

public class DupnBenchmarkTests
{
    [Fact]
    public void FlopsPerSampleCountTheMatmulsOfTheArchitecture()
    {
        // Paper dimensions, N = 100: LSTM 2(4*128*(124+128) + 3*128*48) = 294,912; attention
        // 2(368*128 + 128*64 + 64) = 110,720; item tower + CTR head 2(124*128 + 384*128 + 128*128 + 128) = 163,072.
        var arch = new DupnArchitecture { RankingFeatures = 26 };
        double expected = 3 * (100 * (294_912 + 110_720) + 163_072);
        Assert.Equal(expected, DupnBenchmark.TrainingFlopsPerSample(arch, 100));
        var nobp = arch with { Variant = DupnVariant.NoBp };
        Assert.Equal(3 * (100 * (2 * 4 * 128 * 252 + 2 * (320 * 128 + 128 * 64 + 64)) + 163_072.0), DupnBenchmark.TrainingFlopsPerSample(nobp, 100));
    }

    [Fact]
    public void ARunReportsThroughputAndItsFractionOfTheMatmulCeiling()
    {
        var result = DupnBenchmark.Run(SyntheticDupnData.Architecture(), batchSize: 16, historyLength: 6, steps: 2, threads: 1, matmulSize: 128);
        Assert.True(result.SamplesPerSecond > 0 && double.IsFinite(result.SamplesPerSecond));
        Assert.True(result.MatmulFlopsPerSecond > 1e6, $"matmul {result.MatmulFlopsPerSecond} FLOP/s");
        Assert.Equal(result.SamplesPerSecond * result.TrainingFlopsPerSample / result.MatmulFlopsPerSecond, result.FractionOfMatmulPeak, 12);
        Assert.InRange(result.FractionOfMatmulPeak, 0, 1.5); // tiny matmuls cannot beat the ceiling by much
        Assert.Contains("samples/s", result.ToString());
    }
}
