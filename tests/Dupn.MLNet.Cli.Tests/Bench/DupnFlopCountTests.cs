using Dupn.MLNet.Benchmarks;

namespace Dupn.MLNet.Cli.Tests.Bench;

/// <summary>The analytic FLOP count matches the formula in BENCHMARKS.md, worked by hand.</summary>
public class DupnFlopCountTests
{
    private static readonly DupnArchitecture Paper = new() { ItemVocabulary = 10, RankingFeatures = 26 };

    [Fact]
    public void PaperDimensionsAtNHundredGiveTheDocumentedCount()
    {
        // LSTM 124·512 + 48·384 + 128·512 = 147,456 and attention 368·128 + 128·64 + 64 + 128 = 55,488 per step.
        Assert.Equal(100 * (147_456.0 + 55_488.0), DupnFlopCount.UserTowerMacs(Paper, 100));
        // Item tower 124·128, head (256 + 128)·128 + 128·128 + 128.
        Assert.Equal(81_536.0, DupnFlopCount.CtrHeadMacs(Paper));
        Assert.Equal(6.0 * 20_375_936.0, DupnFlopCount.TrainingFlopsPerSample(Paper, 100));
    }

    [Fact]
    public void VariantsWithoutThePropertyCountLess()
    {
        // nobp: no property gates (48·384) in the LSTM, no property input (48·128) to the attention.
        var noBp = Paper with { Variant = DupnVariant.NoBp };
        Assert.Equal(DupnVariant.All, Paper.Variant);
        Assert.Equal(10 * (48.0 * 384 + 48.0 * 128), DupnFlopCount.UserTowerMacs(Paper, 10) - DupnFlopCount.UserTowerMacs(noBp, 10));
    }
}
