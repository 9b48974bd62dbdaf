using System.Text.Json;
using Dupn.MLNet.Cli.Report;

namespace Dupn.MLNet.Cli.Tests.Report;

public sealed class ReportJsonTests
{
    [Fact]
    public void RoundTripKeepsEverySection()
    {
        var data = SyntheticReportData.Full();
        string json = ReportJson.Serialize(data);
        var back = ReportJson.Deserialize(json);

        Assert.Equal(json, ReportJson.Serialize(back));
        Assert.Equal(data.Title, back.Title);
        Assert.Equal(data.CreatedUtc, back.CreatedUtc);
        Assert.Equal(data.TrainingCurves!.Count, back.TrainingCurves!.Count);
        Assert.Equal(data.TrainingCurves[3].Points, back.TrainingCurves[3].Points);
        Assert.Equal("accuracy", back.TrainingCurves[7].Metric);

        var map = data.AttentionMaps![0];
        var mapBack = back.AttentionMaps![0];
        Assert.Equal(map.Queries, mapBack.Queries);
        Assert.Equal(map.BehaviorLabels, mapBack.BehaviorLabels);
        Assert.Equal(map.Weights, mapBack.Weights);

        // The empty cell (NaN) survives the trip.
        Assert.True(double.IsNaN(back.AttentionByProperty!.MeanWeights[1, 0]));
        Assert.Equal(data.AttentionByProperty!.MeanWeights[3, 6], back.AttentionByProperty.MeanWeights[3, 6]);
        Assert.Equal(data.PppLevels!.Recall, back.PppLevels!.Recall);
        Assert.Equal("RT", back.Transfer!.Curves[2].Protocol);
        Assert.Null(back.Results!.Rows[2].Values[0]);
        Assert.Equal(0.44011, back.Results.Rows[7].Values[3]);
    }

    [Fact]
    public void AbsentSectionsStayAbsent()
    {
        var back = ReportJson.Deserialize(ReportJson.Serialize(new ReportData { PppLevels = new PppLevelMetrics([0.5], [0.25]) }));
        Assert.Null(back.TrainingCurves);
        Assert.Null(back.AttentionMaps);
        Assert.Null(back.Results);
        Assert.Equal([0.25], back.PppLevels!.Recall);
    }

    [Fact]
    public void SaveAndLoadGoThroughAFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "dupn-report-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            ReportJson.Save(SyntheticReportData.Full(), path);
            Assert.Equal(7, ReportJson.Load(path).PppLevels!.Precision.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RaggedMatrixIsAnErrorNamingTheRow()
    {
        const string json = """{"attentionByProperty":{"behaviorTypes":["click","buy"],"timeBuckets":["a","b"],"meanWeights":[[0.1,0.2],[0.3]]}}""";
        var error = Assert.Throws<JsonException>(() => ReportJson.Deserialize(json));
        Assert.Contains("Matrix row 1 has 1 values but row 0 has 2", error.Message);
    }

    [Fact]
    public void CurvePointsAreCompactPairs()
    {
        var data = new ReportData { TrainingCurves = [new MetricCurve("CTR", "multi-task", "AUC", [new(0, 0.5), new(250, 0.625)])] };
        string json = ReportJson.Serialize(data);
        Assert.Contains("[\n          0,\n          0.5\n        ]", json.ReplaceLineEndings("\n"));
        var back = ReportJson.Deserialize("""{"trainingCurves":[{"task":"CTR","model":"m","metric":"AUC","points":[[0,0.5],[250,0.625]]}]}""");
        Assert.Equal([new CurvePoint(0, 0.5), new CurvePoint(250, 0.625)], back.TrainingCurves![0].Points);
        var error = Assert.Throws<JsonException>(() => ReportJson.Deserialize("""{"transfer":{"task":"SPP","metric":"AUC","xAxis":"step","curves":[{"protocol":"RS","points":[[1,0.5,7]]}]}}"""));
        Assert.Contains("A curve point must be [step, value]; got 3 numbers", error.Message);
    }
}
