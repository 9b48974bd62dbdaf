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

        // Observed 0.807 on the candidate columns alone and 0.656 with rep added (200 users, 2 epochs):
        // floors against a broken pipeline; the columns must carry the (user, shop) interaction.
        var aucs = System.Text.RegularExpressions.Regex.Matches(output, @"AUC (\d\.\d+) \(DUPN ([^,]+),")
            .ToDictionary(m => m.Groups[2].Value, m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(aucs["candidate columns"], 0.7, 1.0);
        Assert.InRange(aucs["rep + candidate columns"], 0.55, 1.0);
        Assert.True(File.Exists(Path.Combine(temp.Path, "shop-pref-model.zip")), output);
        double probability = ExampleRunner.Number(output, @"probability (\d\.\d+)");
        Assert.InRange(probability, 0.01, 0.99);
    }
}
