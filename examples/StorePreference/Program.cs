// StorePreference: shop preference ("will this user prefer this shop?"), the task held out of
// pre-training, by every transfer protocol the library has (docs/paper.md section 6), beside a
// store-preference baseline that uses no DUPN at all:
//
//   baseline  LightGbm on 39 candidate-match aggregates of the history (no DUPN),
//   RT        an ML.NET pipeline on what the frozen network computes: DupnCandidateColumns (the
//             pre-trained property gate summed over the behaviours in the candidate shop and its
//             category) -> logistic regression; and, as the paper has it, DupnUserEmbedding + the shop,
//   FT        the pre-trained network with a new SHOP_PREF head (rep, the shop and the history's
//             matches with it): the head's wide path probed, then everything fine-tuned,
//   RS        FT's procedure from fresh weights (what pre-training adds).
// RA, a fresh network trained on all five tasks, is DupnTransfer.RetrainAll (left out here: it retrains
// everything, about a minute and a half on 2 cores). Every protocol reads histories of 100 behaviours
// and the same rows.
//
// Run: dotnet run --project examples/StorePreference
//
// Expected output (observed on a 2-core machine beside other jobs; AUCs are deterministic, seconds are not):
//   Pre-trained on Ctr, L2r, Ppp, Follow in 37.2s
//   baseline: SHOP_PREF AUC 0.752 in 0.8s
//   RT (DUPN columns): SHOP_PREF AUC 0.772 in 2.1s
//   RT (rep + shop): SHOP_PREF AUC 0.477 in 5.1s
//   FT: SHOP_PREF AUC 0.756 in 11.5s
//   RS: SHOP_PREF AUC 0.760 in 8.6s
// On 150 users every protocol that reads the history's matches with the candidate shop lands near the
// baseline (an AUC's standard error is about 0.03 here), and FT is not ahead of RS: on this generator a
// shop is preferred for the user's interest categories and favourite shops, which counting over the
// history finds, and the representation alone (RT on rep + shop) stays at chance (EXPERIMENTS.md).
using System.Diagnostics;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Embedding;
using Dupn.MLNet.Export;
using Dupn.MLNet;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers;
using Dupn.MLNet.Trainers.Transfer;
using Microsoft.ML;

string work = Path.Combine(Path.GetTempPath(), $"dupn-store-preference-{Environment.ProcessId}");
string dataFolder = Path.Combine(work, "data");
TaobaoLikeGenerator.Generate(dataFolder, new TaobaoLikeGeneratorOptions { Users = 150, Seed = 7 });
var dataset = Dataset.Open(dataFolder);
var mlContext = new MLContext(seed: 0);

// Small and fast: pre-training at N = 20 and 3 epochs (defaults: N = 100, 3 epochs, AdaGrad 1e-2, batch 128).
var trainer = new DupnTrainerOptions { Epochs = 3, Threads = 1, UseCuda = false };
var clock = Stopwatch.StartNew();
void Report(TransferResult result) =>
    Console.WriteLine($"{result.Protocol}: SHOP_PREF AUC {result.Metrics.Auc:F3} in {result.Elapsed.TotalSeconds:F1}s");

// The pre-trained DUPN (four tasks; SHOP_PREF is not among them).
var pretrained = DupnModelTrainer.Train(mlContext, dataset, new DupnModelTrainingOptions
{
    Featurizer = new BehaviorFeaturizerOptions { MaxHistory = 20 },
    Trainer = trainer,
}).Model;
Console.WriteLine($"Pre-trained on {string.Join(", ", pretrained.Architecture.Tasks)} in {clock.Elapsed.TotalSeconds:F1}s");

Report(ShopPreferenceCandidateRt.Baseline(mlContext, pretrained.Featurizer, dataset));
Report(ShopPreferenceCandidateRt.Fit(mlContext, pretrained, dataset).Result);      // the pipeline is returned too, to save as one zip
Report(ShopPreferenceRt.Fit(mlContext, pretrained, dataset).Result);

// FT and RS: 2 epochs at a tenth of the pre-training rate after the probe (DupnFineTuningOptions has the rest).
var fineTuning = new DupnTrainerOptions { Epochs = 2, LearningRate = DupnFineTuningOptions.RecommendedLearningRate, Threads = 1, UseCuda = false };
Report(DupnTransfer.FineTune(mlContext, pretrained, dataset, fineTuning));
Report(DupnTransfer.RetrainSingle(mlContext, pretrained, dataset, fineTuning));

Directory.Delete(work, recursive: true);
