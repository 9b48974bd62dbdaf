using Dupn.MLNet.Cli.Workflows;
using Microsoft.ML;

namespace Dupn.MLNet.Cli.Tests.Workflows;

public class DefaultBaselinesTests
{
    [Fact]
    public void AllFiveInTable2OrderByDefault()
    {
        var names = ModelComparison.DefaultBaselines(new MLContext(1)).Select(b => b.Name);
        Assert.Equal(["wide", "wide-deep", "dssm", "cnn-max", "lightgbm"], names);
    }

    [Fact]
    public void TheFastSetOfTheDemoHasOnlyTheMlNetModels()
    {
        var names = ModelComparison.DefaultBaselines(new MLContext(1), ModelComparison.FastBaselineNames).Select(b => b.Name);
        Assert.Equal(["wide", "lightgbm"], names);
    }

    [Fact]
    public void ASubsetKeepsTable2Order()
    {
        var names = ModelComparison.DefaultBaselines(new MLContext(1), ["lightgbm", "cnn-max"], new DeepBaselineSettings(Compact: true)).Select(b => b.Name);
        Assert.Equal(["cnn-max", "lightgbm"], names);
    }

    [Fact]
    public void AnUnknownNameIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelComparison.DefaultBaselines(new MLContext(1), ["wide", "cnn"]));
        Assert.StartsWith("Unknown baseline cnn; the baselines are wide, wide-deep, dssm, cnn-max, lightgbm.", error.Message);
    }
}
