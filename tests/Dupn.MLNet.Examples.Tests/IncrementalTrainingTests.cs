using System.Text.RegularExpressions;

namespace Dupn.MLNet.Examples.Tests;

[Collection(ExamplesCollection.Name)]
public class IncrementalTrainingTests
{
    [Fact]
    public void ContinuesDayByDayFasterThanRetraining()
    {
        string output = ExampleRunner.Run("IncrementalTraining");

        var days = Regex.Matches(output, @"Day (\d): continued in ([\d.]+)s \(CTR AUC on day \d ([\d.]+)\); retrained from scratch in ([\d.]+)s \(AUC ([\d.]+)\)");
        Assert.Equal(2, days.Count);
        double continued = 0, scratch = 0;
        foreach (Match day in days)
        {
            continued += double.Parse(day.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            scratch += double.Parse(day.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(double.Parse(day.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 0.0, 1.0);
        }
        // Observed 6.7 s against 19.2 s: one day's rows against all days'.
        Assert.True(continued < scratch, output);
        Assert.Contains("The model has seen 3 data slices.", output);
    }
}
