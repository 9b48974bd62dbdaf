namespace Dupn.MLNet.Data;

/// <summary>The task files a dataset folder may hold (`&lt;task&gt;.train.csv`, `&lt;task&gt;.test.csv`).</summary>
public enum DatasetTask
{
    /// <summary>`ctr`: candidate item, label 0/1.</summary>
    Ctr,
    /// <summary>`l2r`: candidate item, m ranking features, behaviour type (sample weight), label 0/1.</summary>
    L2r,
    /// <summary>`ppp`: purchasing power level 1..7.</summary>
    Ppp,
    /// <summary>`follow`: candidate talent and its tags, label 0/1.</summary>
    Follow,
    /// <summary>`shop_pref`: candidate shop, label 0/1 (the transfer task).</summary>
    ShopPref,
}
