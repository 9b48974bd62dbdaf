namespace Dupn.MLNet.Examples.Tests;

[Collection(ExamplesCollection.Name)]
public class OnnxExportTests
{
    [Fact]
    public void ThreeGraphsRunInOnnxRuntimeAndAgree()
    {
        string output = ExampleRunner.Run("OnnxExport");

        foreach (string file in new[] { "user.onnx", "items.onnx", "full.onnx" })
            Assert.Contains($"Exported {file}", output);
        Assert.Contains("user_embedding[1,364]", output); // [rep_s ; u ; q ; c]
        Assert.Contains("ppp_probs[1,7]", output);
        Assert.InRange(ExampleRunner.Number(output, @"ctr\[1\] = \[(\d\.\d+)\]"), 0.0, 1.0);
        Assert.InRange(ExampleRunner.Number(output, @"max \|difference\| ([\d.E+-]+)"), 0, 1e-5);
    }
}
