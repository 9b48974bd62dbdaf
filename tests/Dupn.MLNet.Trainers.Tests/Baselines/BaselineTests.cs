using Dupn.MLNet.Trainers.Baselines;
using Microsoft.ML;

namespace Dupn.MLNet.Trainers.Tests.Baselines;

public class BaselineTests
{
    private static readonly (List<Transforms.Featurization.FeaturizedRow> Ctr, List<Transforms.Featurization.FeaturizedRow> Ppp) Train = PlantedRows.Make(800, seed: 1);
    private static readonly (List<Transforms.Featurization.FeaturizedRow> Ctr, List<Transforms.Featurization.FeaturizedRow> Ppp) Test = PlantedRows.Make(400, seed: 2);

    public static TheoryData<string> Models => new() { "wide", "lightgbm" };

    private static IDupnBaseline Create(string name) => name switch
    {
        "wide" => new WideBaseline(new MLContext(seed: 0), hashBits: 14),
        "lightgbm" => new LightGbmBaseline(new MLContext(seed: 0), numberOfIterations: 60),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void FindsThePlantedCtrSignal(string name)
    {
        var predictions = Create(name).FitPredict(DupnTask.Ctr, Train.Ctr, Test.Ctr);
        Assert.Equal(Test.Ctr.Count, predictions.Scores!.Length);
        double auc = PlantedRows.Auc(predictions.Scores, Test.Ctr.Select(r => r.Label).ToArray());
        // Best possible here is about 0.83 (labels are 80% vs 15% clicks); random is 0.5.
        Assert.True(auc > 0.68, $"{name} CTR AUC {auc:F3}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PredictsThePurchasingPowerLevelFromWhatUsersBuy(string name)
    {
        var predictions = Create(name).FitPredict(DupnTask.Ppp, Train.Ppp, Test.Ppp);
        var probabilities = predictions.ClassProbabilities!;
        Assert.Equal(Test.Ppp.Count, probabilities.Length);
        Assert.All(probabilities, p => Assert.Equal(7, p.Length));
        double accuracy = Test.Ppp.Select((row, i) => Array.IndexOf(probabilities[i], probabilities[i].Max()) + 1 == row.Level ? 1.0 : 0.0).Average();
        // Chance is 1/7; users with at least one buy reveal their level.
        Assert.True(accuracy > 0.45, $"{name} PPP accuracy {accuracy:F3}");
    }
}
