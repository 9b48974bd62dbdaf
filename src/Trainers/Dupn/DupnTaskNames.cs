using Dupn.MLNet.Export.Model;

namespace Dupn.MLNet.Trainers.Dupn;

/// <summary>The task names the trainer and the state dict use (the heads' state-dict prefixes).</summary>
public static class DupnTaskNames
{
    public const string Ctr = "ctr";
    public const string L2r = "l2r";
    public const string Ppp = "ppp";
    public const string Follow = "follow";
    public const string ShopPref = "shop_pref";

    /// <summary>The name of a built-in task.</summary>
    public static string Of(DupnTask task) => task switch
    {
        DupnTask.Ctr => Ctr,
        DupnTask.L2r => L2r,
        DupnTask.Ppp => Ppp,
        DupnTask.Follow => Follow,
        DupnTask.ShopPref => ShopPref,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown DUPN task."),
    };
}
