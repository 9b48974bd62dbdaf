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

        // Observed 0.577 (200 users, N = 20, 2 epochs); a pipeline whose embedding carried nothing would sit near 0.5.
        double auc = ExampleRunner.Number(output, @"AUC (\d\.\d+)");
        Assert.InRange(auc, 0.52, 1.0);
        Assert.True(File.Exists(Path.Combine(temp.Path, "shop-pref-model.zip")), output);
        double probability = ExampleRunner.Number(output, @"probability (\d\.\d+)");
        Assert.InRange(probability, 0.01, 0.99);
    }
}
