using Microsoft.ML;
using Dupn.MLNet.Trainers.Baselines;

namespace Dupn.MLNet.Trainers.Tests.Baselines;

public class BaselineRegistryTests
{
    [Fact]
    public void AllFiveInTable2OrderByDefault()
    {
        var names = BaselineRegistry.Create(new MLContext(1)).Select(b => b.Name);
        Assert.Equal(["wide", "wide-deep", "dssm", "cnn-max", "lightgbm"], names);
    }

    [Fact]
    public void TheFastSetOfTheDemoHasOnlyTheMlNetModels()
    {
        var names = BaselineRegistry.Create(new MLContext(1), BaselineRegistry.FastNames).Select(b => b.Name);
        Assert.Equal(["wide", "lightgbm"], names);
    }

    [Fact]
    public void ASubsetKeepsTable2Order()
    {
        var names = BaselineRegistry.Create(new MLContext(1), ["lightgbm", "cnn-max"], new DeepBaselineSettings(Compact: true)).Select(b => b.Name);
        Assert.Equal(["cnn-max", "lightgbm"], names);
    }

    [Fact]
    public void AnUnknownNameIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BaselineRegistry.Create(new MLContext(1), ["wide", "cnn"]));
        Assert.StartsWith("Unknown baseline cnn; the baselines are wide, wide-deep, dssm, cnn-max, lightgbm.", error.Message);
    }
}
