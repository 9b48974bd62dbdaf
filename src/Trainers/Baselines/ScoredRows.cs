namespace Dupn.MLNet.Trainers.Baselines;

// Row classes that ML.NET fills from scored IDataViews, shared by the ML.NET baselines.

internal sealed class LevelRow
{
    public float Level { get; set; }

    /// <summary>The PPP levels 1..7 in order, so that key k (and score slot k - 1) is level k.</summary>
    public static IEnumerable<LevelRow> AllLevels(int levels = 7) => Enumerable.Range(1, levels).Select(l => new LevelRow { Level = l });
}

internal sealed class BinaryScore
{
    public float Probability { get; set; }
}

internal sealed class MulticlassScore
{
    public float[] Score { get; set; } = [];
}
