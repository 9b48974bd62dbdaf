namespace Dupn.MLNet.Trainers.Modules;

/// <summary>What a head predicts, which fixes its loss and metrics.</summary>
public enum HeadObjective
{
    /// <summary>One logit; log loss on a 0/1 label; AUC and log loss.</summary>
    Binary,
    /// <summary>L2R: one score; sample-weighted logistic loss sum_i n_i log(1 + exp(-y_i s_i)); AUC.</summary>
    WeightedRanking,
    /// <summary>k logits; cross-entropy; accuracy and per-class precision / recall.</summary>
    MultiClass,
    /// <summary>One value; squared error; RMSE.</summary>
    Regression,
}
