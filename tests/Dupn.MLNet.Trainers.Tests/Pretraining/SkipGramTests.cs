using Dupn.MLNet.Trainers.Pretraining;
using Dupn.MLNet.Trainers.Training;
using Dupn.MLNet.Trainers.Tests.Synthetic;
using Dupn.MLNet.Trainers.Tests.Training;
using Microsoft.ML;
using static TorchSharp.torch;

namespace Dupn.MLNet.Trainers.Tests.Pretraining;

/// <summary>DUPN-w2v: item vectors from skip-gram over the histories, then frozen during training.</summary>
public class SkipGramTests
{
    [Fact]
    public void ItemsThatCoOccurInHistoriesEndUpCloserThanItemsThatDoNot()
    {
        using var scope = NewDisposeScope();
        // Users buy and cart in their favourite categories, so same-category items share histories more often.
        var rows = new SyntheticDupnData(12).Ctr(1500);
        var table = SkipGramItemEmbeddings.Train(rows, SyntheticDupnData.Items + 2, 16, new SkipGramOptions());
        Assert.Equal(0.0, table[0].abs().sum().item<float>());
        var vectors = nn.functional.normalize(table[TensorIndex.Slice(2, null)], p: 2, dim: 1);
        var cosine = vectors.matmul(vectors.t()).data<float>().ToArray();
        int n = SyntheticDupnData.Items;
        double same = 0, different = 0; int sameCount = 0, differentCount = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                if (a == b) continue;
                if (a % SyntheticDupnData.Categories == b % SyntheticDupnData.Categories) { same += cosine[a * n + b]; sameCount++; }
                else { different += cosine[a * n + b]; differentCount++; }
            }
        same /= sameCount;
        different /= differentCount;
        Assert.True(same > different + 0.1, $"mean cosine within a category {same:F3}, across categories {different:F3}");
    }

    [Fact]
    public void TheW2vNetworkKeepsItsPretrainedItemTableFrozenWhileTheRestTrains()
    {
        var arch = SyntheticDupnData.Architecture(DupnVariant.W2v);
        var data = SyntheticDupnData.TrainingData(200, 0);
        var options = TrainingTestKit.Options();
        options.SkipGram = new SkipGramOptions { Epochs = 1 };
        var trained = new DupnTrainer(new MLContext(1), options).Fit(arch, data).Network.ToStateDict();
        using var scope = NewDisposeScope();
        var expected = SkipGramItemEmbeddings.Train(data.Tasks.SelectMany(t => t.Train), arch.ItemVocabulary + 2, arch.ItemDim, options.SkipGram);
        Assert.Equal(expected.data<float>().ToArray(), trained["embeddings.item.weight"].Values);

        var all = new DupnTrainer(new MLContext(1), options).Fit(arch with { Variant = DupnVariant.All }, data).Network.ToStateDict();
        Assert.False(TrainingTestKit.SameValues(all, trained, "lstm.weight_p"));
    }
}
