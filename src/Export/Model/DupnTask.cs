namespace Dupn.MLNet.Export.Model;

/// <summary>The tasks of DUPN: four trained together, SHOP_PREF held out for transfer.</summary>
public enum DupnTask
{
    /// <summary>Click-through rate of a candidate item (binary).</summary>
    Ctr,
    /// <summary>Learning to rank: w(rep) . r_i with behaviour-type sample weights (binary).</summary>
    L2r,
    /// <summary>Purchasing power level, 7 classes, from rep alone.</summary>
    Ppp,
    /// <summary>Follow a talent (FIFP; binary).</summary>
    Follow,
    /// <summary>Shop preference: the transfer task, never part of multi-task pre-training (binary).</summary>
    ShopPref,
}
