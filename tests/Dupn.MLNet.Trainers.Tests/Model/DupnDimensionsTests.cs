using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Trainers.Tests.Model;

public class DupnDimensionsTests
{
    private static readonly BehaviorFeaturizer Featurizer = BehaviorFeaturizer.Fit(Dataset.Open(Path.Combine(RepoPaths.Root, "docs", "example-dataset")));

    [Fact]
    public void UnsetSizesAreThePapersAndSetOnesReachTheArchitecture()
    {
        var paper = DupnArchitectureFactory.FromFeaturizer(Featurizer, [DupnTask.Ctr, DupnTask.Ppp]);
        Assert.Equal((32, 24, 24, 16, 28, 16, 16, 16), (paper.ItemDim, paper.ShopDim, paper.BrandDim, paper.CategoryDim, paper.TagDim, paper.SceneDim, paper.TimeDim, paper.TypeDim));
        Assert.Equal((128, 128, 128, 64), (paper.ProfileDim, paper.Hidden, paper.AttentionHidden1, paper.AttentionHidden2));

        var dimensions = new DupnDimensions();
        dimensions.Set("tag", 96);
        dimensions.Set("hidden", 64);
        dimensions.Set("head-hidden", 32);
        var sized = DupnArchitectureFactory.FromFeaturizer(Featurizer, [DupnTask.Ctr, DupnTask.Ppp], new DupnModelTrainingOptions { Dimensions = dimensions });
        Assert.Equal(paper with { TagDim = 96, Hidden = 64, HeadHidden = 32 }, sized with { ProfileVocabularies = paper.ProfileVocabularies, Tasks = paper.Tasks });
        // What the sizes feed follows them: the counts c = [category ; tags], rep = [rep_s ; u ; q ; c].
        Assert.Equal(16 + 96, sized.HistoryCountsDim);
        Assert.Equal(64 + 128 + 64 + 16 + 96, sized.RepresentationDim);
        Assert.Equal(0, sized.CountsTagDim);

        // c's own tag table: c = [category ; counts tags], the LSTM's tags stay as set.
        dimensions.Set("counts-tag", 40);
        var own = DupnArchitectureFactory.FromFeaturizer(Featurizer, [DupnTask.Ctr, DupnTask.Ppp], new DupnModelTrainingOptions { Dimensions = dimensions });
        Assert.Equal((96, 40, 16 + 40), (own.TagDim, own.CountsTagDim, own.HistoryCountsDim));
    }

    [Fact]
    public void EveryNameSetsItsOwnSizeAndAnUnknownOneIsRefused()
    {
        var architecture = new DupnArchitecture();
        var seen = new HashSet<DupnArchitecture>();
        foreach (var (name, i) in DupnDimensions.Names.Select((n, i) => (n, i)))
        {
            var dimensions = new DupnDimensions();
            dimensions.Set(name, 1000 + i);
            var sized = dimensions.ApplyTo(architecture);
            Assert.NotEqual(architecture, sized);
            Assert.True(seen.Add(sized), $"'{name}' set the same size as another name");
        }
        var error = Assert.Throws<ArgumentException>(() => new DupnDimensions().Set("tags", 8));
        Assert.Contains("'tags' is not a DUPN dimension; the names are item, shop, brand, category, tag,", error.Message);
        Assert.Contains("must be positive; it is 0", Assert.Throws<ArgumentOutOfRangeException>(() => new DupnDimensions().Set("tag", 0)).Message);
    }
}
