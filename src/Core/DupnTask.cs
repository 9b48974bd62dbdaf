namespace Dupn.MLNet;

/// <summary>
/// The tasks of DUPN: four trained together, SHOP_PREF held out for transfer. One enum for the task
/// files of a dataset, the heads of the network and the metrics of a run.
/// </summary>
public enum DupnTask
{
    /// <summary>`ctr`: click-through rate of a candidate item (binary).</summary>
    Ctr,
    /// <summary>`l2r`: learning to rank, w(rep) . r_i with behaviour-type sample weights (binary).</summary>
    L2r,
    /// <summary>`ppp`: purchasing power level, 7 classes, from rep alone.</summary>
    Ppp,
    /// <summary>`follow`: follow a talent (FIFP; binary).</summary>
    Follow,
    /// <summary>`shop_pref`: shop preference, the transfer task, never part of multi-task pre-training (binary).</summary>
    ShopPref,
}

/// <summary>
/// The names of the tasks: the stems of the dataset's task files (<c>ctr.train.csv</c>), the heads'
/// state-dict prefixes (<c>ctr.fc1.weight</c>) and the task column of metrics and predictions.
/// </summary>
public static class DupnTaskNames
{
    public const string Ctr = "ctr";
    public const string L2r = "l2r";
    public const string Ppp = "ppp";
    public const string Follow = "follow";
    public const string ShopPref = "shop_pref";

    /// <summary>Every task, in the enum's order.</summary>
    public static IReadOnlyList<DupnTask> All { get; } = [DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow, DupnTask.ShopPref];

    /// <summary>The name of a task: ctr, l2r, ppp, follow or shop_pref.</summary>
    public static string Of(DupnTask task) => task switch
    {
        DupnTask.Ctr => Ctr,
        DupnTask.L2r => L2r,
        DupnTask.Ppp => Ppp,
        DupnTask.Follow => Follow,
        DupnTask.ShopPref => ShopPref,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown DUPN task."),
    };

    /// <summary>Parses a task name (ctr, l2r, ppp, follow, shop_pref; case-insensitive, surrounding blanks ignored).</summary>
    public static DupnTask Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            Ctr => DupnTask.Ctr,
            L2r => DupnTask.L2r,
            Ppp => DupnTask.Ppp,
            Follow => DupnTask.Follow,
            ShopPref or "shoppref" => DupnTask.ShopPref,
            _ => throw new ArgumentException($"Unknown task '{name}'; expected ctr, l2r, ppp, follow or shop_pref.", nameof(name)),
        };
    }
}
