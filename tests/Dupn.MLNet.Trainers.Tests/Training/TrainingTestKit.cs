using Dupn.MLNet.Trainers.Training;

namespace Dupn.MLNet.Trainers.Tests.Training;

/// <summary>Small, fast training settings shared by the trainer tests.</summary>
internal static class TrainingTestKit
{
    public static DupnTrainerOptions Options(int epochs = 1, int batch = 64) => new()
    {
        Epochs = epochs,
        BatchSize = batch,
        Threads = 1,
        UseCuda = false,
    };

    public static void AssertSameWeights(StateDict a, StateDict b)
    {
        Assert.Equal(a.Names.Order(StringComparer.Ordinal), b.Names.Order(StringComparer.Ordinal));
        foreach (var name in a.Names)
            Assert.True(a[name].Values.AsSpan().SequenceEqual(b[name].Values), $"{name} differs");
    }

    public static bool SameValues(StateDict a, StateDict b, string name) => a[name].Values.AsSpan().SequenceEqual(b[name].Values);
}
