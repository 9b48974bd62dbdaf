using Dupn.MLNet.Cli.Report;

namespace Dupn.MLNet.Cli.Tests.Report;

public sealed class ReportDataValidationTests
{
    [Fact]
    public void AttentionWeightsOfTheWrongShapeNameTheUserAndTheSizes()
    {
        var data = new ReportData { AttentionMaps = [new AttentionMap("u7", ["q1", "q2"], ["click · shoes"], new float[3, 1])] };
        var error = Assert.Throws<ArgumentException>(() => ReportDataValidator.Validate(data));
        Assert.Equal("Report data: AttentionMaps[0] (user 'u7').Weights is 3 x 1 but there are 2 queries and 1 behaviours.", error.Message);
    }

    [Fact]
    public void StepsMustIncrease()
    {
        var data = new ReportData { TrainingCurves = [new MetricCurve("CTR", "multi-task", "AUC", [new(0, 0.5), new(100, 0.6), new(100, 0.61)])] };
        var error = Assert.Throws<ArgumentException>(() => ReportDataValidator.Validate(data));
        Assert.Contains("TrainingCurves[0] (task 'CTR', model 'multi-task') point 2: step 100 does not follow step 100", error.Message);
    }

    [Fact]
    public void PppNeedsOnePrecisionAndRecallPerLevelAsFractions()
    {
        var lengths = Assert.Throws<ArgumentException>(() => ReportDataValidator.Validate(
            new ReportData { PppLevels = new PppLevelMetrics([0.1, 0.2], [0.1]) }));
        Assert.Contains("2 precision and 1 recall values", lengths.Message);
        var range = Assert.Throws<ArgumentException>(() => ReportDataValidator.Validate(
            new ReportData { PppLevels = new PppLevelMetrics([0.1, 44.0], [0.1, 0.2]) }));
        Assert.Contains("PppLevels.Precision level 2 is 44", range.Message);
    }

    [Fact]
    public void ResultRowsNeedOneValuePerColumn()
    {
        var table = new ResultsTable([new("CTR", "AUC"), new("PPP", "precision")], [new("Wide", [0.68])]);
        var error = Assert.Throws<ArgumentException>(() => ReportDataValidator.Validate(new ReportData { Results = table }));
        Assert.Contains("Results.Rows[0] (model 'Wide') has 1 values but the table has 2 columns", error.Message);
    }

    [Fact]
    public void WriterRefusesBadDataBeforeWritingAnything()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dupn-report-" + Guid.NewGuid().ToString("N"));
        var data = SyntheticReportData.Full() with { Transfer = new TransferSection("SPP", "AUC", "step", [new TransferCurve("RS", [])]) };
        var error = Assert.Throws<ArgumentException>(() => ReportWriter.Write(data, folder));
        Assert.Contains("Transfer.Curves[0] (protocol 'RS') has no points", error.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void ValidSyntheticDataPasses()
    {
        ReportDataValidator.Validate(SyntheticReportData.Full());
        ReportDataValidator.Validate(new ReportData());
    }
}
