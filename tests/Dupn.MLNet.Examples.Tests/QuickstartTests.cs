using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Examples.Tests;

[Collection(ExamplesCollection.Name)]
public class QuickstartTests
{
    [Fact]
    public void TrainsEmbedsInAPipelineAndScoresAfterReloading()
    {
        using var temp = RepoPaths.NewTempDir();
        string output = ExampleRunner.Run("Quickstart", temp.Path);

        // Observed 0.523 (200 users, N = 20, 2 epochs), mostly from the shop column (see the example's header):
        // a floor against a broken pipeline, not a measure of rep.
        double auc = ExampleRunner.Number(output, @"AUC (\d\.\d+)");
        Assert.InRange(auc, 0.52, 1.0);
        Assert.True(File.Exists(Path.Combine(temp.Path, "shop-pref-model.zip")), output);
        double probability = ExampleRunner.Number(output, @"probability (\d\.\d+)");
        Assert.InRange(probability, 0.01, 0.99);
    }
}
