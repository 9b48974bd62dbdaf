namespace Dupn.MLNet.Export;

/// <summary>Which part of the DUPN network an exported ONNX graph holds (docs/paper.md section 7.2).</summary>
public enum DupnGraphKind
{
    /// <summary>History, query and profile to the user representation, the attention weights and the PPP head: run once per request.</summary>
    User,
    /// <summary>User representation plus candidate fields to the item heads (CTR, L2R, FOLLOW, SHOP_PREF): run for each candidate.</summary>
    Items,
    /// <summary>Both parts in one graph, for simple use.</summary>
    Full,
}
