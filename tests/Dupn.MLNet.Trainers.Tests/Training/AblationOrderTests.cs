using System.Globalization;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Tests;
using Dupn.MLNet.Trainers.Training;
using Microsoft.ML;
using Xunit.Abstractions;

namespace Dupn.MLNet.Trainers.Tests.Training;

/// <summary>
/// The paper's ablation order (Table 2: all > bplstm and bpatt > nobp) on a dataset small enough for
/// CI: 800 generated users, PPP alone, N = 30, 6 epochs, one thread. PPP is the task where the order
/// is measurable at this size: the generator shows purchasing power in the price level of the buys
/// and carts, and only a network that sees the behaviour type (the property) can tell those from the
/// noisy clicks. Measured with `dupn train --single-task` on seeds 1 to 3 (EXPERIMENTS.md): nobp
/// 58 to 61 %, bplstm 67 to 68 %, bpatt 78 to 79 %, all 77 to 78 %; bpatt and all are level.
/// The PPP head here reads all of rep, as in the paper, at one learning rate: our default head reads
/// only [u ; c], which no LSTM or attention reaches, so on PPP the variants would then differ only
/// in the count gate and their initialisation (measured: nobp 66.2, bplstm 90.9, bpatt 94.1, all 92.7 %).
/// </summary>
public class AblationOrderTests(ITestOutputHelper output)
{
    /// <summary>A margin well above the spread over seeds (about 1.5 points on these 628 test rows).</summary>
    private const double MinimumMargin = 3.0;

    [Fact]
    public void Property_variants_beat_nobp_and_all_beats_bplstm_on_purchasing_power()
    {
        using var temp = RepoPaths.NewTempDir();
        TaobaoLikeGenerator.Generate(temp.Path, new TaobaoLikeGeneratorOptions { Users = 800, Seed = 11 });
        var dataset = Dataset.Open(temp.Path);
        var featurizerOptions = new BehaviorFeaturizerOptions { MaxHistory = 30 };
        var featurizer = BehaviorFeaturizer.Fit(dataset, featurizerOptions);

        var accuracy = new Dictionary<DupnVariant, double>();
        foreach (var variant in new[] { DupnVariant.NoBp, DupnVariant.BpLstm, DupnVariant.BpAtt, DupnVariant.All })
        {
            var run = DupnModelTrainer.Train(new MLContext(seed: 1), dataset, featurizer, new DupnModelTrainingOptions
            {
                Variant = variant,
                Tasks = [DupnTask.Ppp],
                SingleTask = true,
                PppReadsProfileAndCounts = false,
                Featurizer = featurizerOptions,
                Trainer = new DupnTrainerOptions { Epochs = 6, Threads = 1, UseCuda = false, Seed = 1, TaskLearningRateFactors = [] },
            });
            run.Network.Dispose();
            var ppp = run.Result.Epochs[^1].Metrics.Single(m => m.Task == "ppp");
            accuracy[variant] = 100 * ppp.Accuracy!.Value;
        }

        foreach (var (variant, value) in accuracy)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variant,-7} PPP accuracy {value:F2} %"));
        void Margin(DupnVariant better, DupnVariant worse)
        {
            double margin = accuracy[better] - accuracy[worse];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{better} - {worse}: {margin:+0.00;-0.00} points"));
            Assert.True(margin >= MinimumMargin,
                string.Create(CultureInfo.InvariantCulture,
                    $"{better} ({accuracy[better]:F2} %) should beat {worse} ({accuracy[worse]:F2} %) by at least {MinimumMargin} points on PPP."));
        }
        Margin(DupnVariant.BpLstm, DupnVariant.NoBp);
        Margin(DupnVariant.BpAtt, DupnVariant.NoBp);
        Margin(DupnVariant.All, DupnVariant.BpLstm);
        Margin(DupnVariant.All, DupnVariant.NoBp);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"All - BpAtt: {accuracy[DupnVariant.All] - accuracy[DupnVariant.BpAtt]:+0.00;-0.00} points (level at this size; not asserted)"));
    }
}
