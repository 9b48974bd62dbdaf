using Dupn.MLNet.Trainers.Baselines;
using Dupn.MLNet.Trainers.Baselines.CnnMax;
using Dupn.MLNet.Trainers.Baselines.Deep;
using Dupn.MLNet.Trainers.Baselines.Dssm;
using Dupn.MLNet.Trainers.Baselines.WideDeep;

namespace Dupn.MLNet.Trainers.Tests.Baselines;

/// <summary>The deep baselines at small sizes, so that a test trains one in a second or two.</summary>
internal static class DeepBaselineSetup
{
    public static readonly DupnArchitecture SmallEmbeddings = new()
    {
        ItemDim = 8, ShopDim = 4, BrandDim = 4, CategoryDim = 8, TagDim = 8,
        SceneDim = 4, TimeDim = 4, TypeDim = 4, QueryDim = 4, ProfileDim = 8, TalentDim = 4,
    };

    public static T Small<T>(T options, int seed = 3) where T : DeepBaselineOptions
    {
        options.Embeddings = SmallEmbeddings;
        options.Epochs = 6;
        options.BatchSize = 64;
        options.LearningRate = 3e-3;
        options.Seed = seed;
        options.Threads = 1;
        return options;
    }

    public static IDupnBaseline Create(string name, int seed = 3) => name switch
    {
        "wide-deep" => new WideDeepBaseline(Small(new WideDeepOptions { HiddenLayers = [64, 32], HashBits = 12 }, seed)),
        "dssm" => new DssmBaseline(Small(new DssmOptions { TowerLayers = [64, 32] }, seed)),
        "cnn-max" => new CnnMaxBaseline(Small(new CnnMaxOptions { WindowSizes = [1, 2, 3], Kernels = 16, HiddenLayers = [32] }, seed)),
        _ => throw new ArgumentException(name),
    };
}
