using System.Globalization;
using System.Text.RegularExpressions;

namespace Dupn.MLNet.Examples.Tests;

[Collection(ExamplesCollection.Name)]
public class StorePreferenceTests
{
    [Fact]
    public void RunsTheBaselineAndTheTransferProtocols()
    {
        string output = ExampleRunner.Run("StorePreference");

        var results = Regex.Matches(output, @"^(.+): SHOP_PREF AUC ([\d.]+) in ([\d.]+)s$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Auc: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                Seconds: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
        Assert.Equal(["FT", "RS", "RT (DUPN columns)", "RT (rep + shop)", "baseline"], results.Keys.Order(StringComparer.Ordinal));
        // Observed baseline 0.752, RT (DUPN columns) 0.772, FT 0.756, RS 0.760: whatever reads the history's
        // matches with the candidate shop learns the generator's preference ("buys from that shop" alone
        // gets about 0.67, chance 0.5). RT on the representation alone stays at chance (0.477).
        foreach (string protocol in new[] { "baseline", "RT (DUPN columns)", "FT", "RS" })
            Assert.True(results[protocol].Auc > 0.7, $"{protocol}: {results[protocol].Auc}\n{output}");
        Assert.InRange(results["RT (rep + shop)"].Auc, 0.0, 1.0);
        // The RT pipeline trains a logistic regression, FT a network (observed 2.1 s against 11.5 s).
        Assert.True(results["RT (DUPN columns)"].Seconds < results["FT"].Seconds, output);
    }
}
