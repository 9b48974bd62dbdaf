using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Training;

namespace Dupn.MLNet.Trainers;

/// <summary>Options of <see cref="DupnModelTrainer"/>: what to featurise, which network, how to train.</summary>
public sealed class DupnModelTrainingOptions
{
    /// <summary>
    /// Tasks to train together. Default: every pre-training task (ctr, l2r, ppp, follow) the dataset
    /// has a training file for. SHOP_PREF is the transfer task and is trained only when listed.
    /// </summary>
    public IReadOnlyList<DupnTask>? Tasks { get; set; }

    /// <summary>The paper's variant (default all).</summary>
    public DupnVariant Variant { get; set; } = DupnVariant.All;

    /// <summary>Batch normalisation on rep; its running statistics are re-estimated on the unsampled training rows before saving (docs/paper.md 7.3).</summary>
    public bool UseBatchNorm { get; set; }

    /// <summary>
    /// The candidate heads (CTR, FOLLOW, SHOP_PREF) also see match(rep) * candidate (ours; see
    /// <see cref="DupnArchitecture.CandidateInteraction"/>). Default true (measured to learn the
    /// user-candidate agreement far faster on small data); false gives the paper's heads exactly.
    /// </summary>
    public bool CandidateInteraction { get; set; } = true;

    /// <summary>
    /// The SHOP_PREF head also reads how the history meets the candidate shop (ours; see
    /// <see cref="DupnArchitecture.ShopPrefReadsHistoryMatches"/>). Default false, the paper's head on
    /// [rep ; shop], which the ONNX items graph can serve; the transfer protocols (FT, RS, RA) turn it on.
    /// Ignored without SHOP_PREF.
    /// </summary>
    public bool ShopPrefReadsHistoryMatches { get; set; }

    /// <summary>
    /// The L2R weights w(rep) may be negative (ours; see <see cref="DupnArchitecture.SignedL2rWeights"/>).
    /// Default true (measured, multi-task: L2R AUC 0.665 -> 0.698 on 5,000 generated users, 0.674 -> 0.726
    /// on 20,000; on the demo's 400 users it is lower, 0.665 -> 0.641); false gives the paper's w = ReLU(...) &gt;= 0.
    /// </summary>
    public bool SignedL2rWeights { get; set; } = true;

    /// <summary>
    /// rep also carries the query embedding, rep = [rep_s ; u ; q] (ours; see
    /// <see cref="DupnArchitecture.QueryInRepresentation"/>). Default true (measured, all four tasks: CTR AUC
    /// 0.710 -> 0.749 and L2R 0.698 -> 0.711 on 5,000 generated users, 0.588 -> 0.617 and 0.654 -> 0.664 on
    /// 600; on 150 users it is lower, L2R 0.619 -> 0.590); false gives the paper's rep = [rep_s ; u].
    /// </summary>
    public bool QueryInRepresentation { get; set; } = true;

    /// <summary>
    /// rep also carries the history's property-gated counts of categories and tags (ours; see
    /// <see cref="DupnArchitecture.HistoryCountsInRepresentation"/>). Default true (measured, all four tasks,
    /// 5,000 generated users, 3 epochs: FOLLOW AUC 0.537 -> 0.636, PPP 89.4 -> 91.1 %, CTR and L2R level;
    /// 600 users: CTR 0.617 -> 0.668, PPP 63.8 -> 73.7 %; 20,000 users: FOLLOW 0.653 -> 0.721, CTR 0.782 -> 0.776);
    /// false gives the paper's rep.
    /// </summary>
    public bool HistoryCountsInRepresentation { get; set; } = true;

    /// <summary>
    /// The L2R score also weighs the CTR head's logit for the candidate as one more ranking feature (ours;
    /// see <see cref="DupnArchitecture.CtrScoreAsRankingFeature"/>). Applies only when both CTR and L2R are
    /// trained together. Default true (measured, all four tasks, 3 epochs: L2R AUC 0.710 -> 0.732 on 5,000
    /// generated users, seeds 1 and 2, CTR level, PPP 0.7 points lower; 0.732 -> 0.749 on 20,000, seed 1, CTR
    /// 0.2 points lower; EXPERIMENTS.md); false gives the paper's ranking features.
    /// </summary>
    public bool CtrScoreAsRankingFeature { get; set; } = true;

    /// <summary>
    /// The PPP head reads only [u ; c], the profile and the history's counts, not the query-steered rep_s
    /// and q (ours; see <see cref="DupnArchitecture.PppReadsProfileAndCounts"/>). Applies only when PPP is
    /// trained and <see cref="HistoryCountsInRepresentation"/> is on. Default true (measured, all four tasks,
    /// 3 epochs, 5,000 generated users, seeds 1 and 2: CTR, L2R and FOLLOW gain 0.2 to 1.0 AUC points, PPP
    /// +0.5 and -0.1 points; with PPP at three times the rate, <see cref="DupnTrainerOptions.TaskLearningRateFactors"/>,
    /// PPP 92.1 -> 93.4 % and CTR 0.774 -> 0.781 on 20,000 users; EXPERIMENTS.md); false gives the paper's
    /// PPP head on the whole rep.
    /// </summary>
    public bool PppReadsProfileAndCounts { get; set; } = true;

    /// <summary>
    /// The PPP head adds a linear map of its input to its MLP's logits (ours; see
    /// <see cref="DupnArchitecture.PppLinearPath"/>). Applies only when PPP is trained. Default false:
    /// on two seeds at 50,000 generated users (all four tasks, 3 epochs) PPP moved 94.64 -> 94.73 % and
    /// 94.66 -> 94.65 % (McNemar p 0.10 and 1.0 against the paired default run), log loss 0.1367 -> 0.1348
    /// and 0.1378 -> 0.1373, CTR, L2R and FOLLOW within 0.35 points; on 400 users, three seeds, a change
    /// inside the noise (EXPERIMENTS.md, "50,000 users").
    /// </summary>
    public bool PppLinearPath { get; set; }

    /// <summary>Train each task alone (the paper's single-task comparison) rather than all together; needs exactly one task.</summary>
    public bool SingleTask { get; set; }

    /// <summary>Embedding and layer sizes; each left null is the paper's. Default: all the paper's.</summary>
    public DupnDimensions Dimensions { get; set; } = new();

    /// <summary>Vocabularies, N, K, Q (defaults: <see cref="BehaviorFeaturizerOptions"/>).</summary>
    public BehaviorFeaturizerOptions Featurizer { get; set; } = new();

    /// <summary>Optimiser, epochs, batch, seed, checkpoints (defaults: <see cref="DupnTrainerOptions"/>, measured to converge on small data).</summary>
    public DupnTrainerOptions Trainer { get; set; } = new();

    /// <summary>L2R sample weights n_i by behaviour-type name (default buy 4 &gt; cart 3 &gt; fav 2 &gt; click 1; names the data lacks are ignored).</summary>
    public IReadOnlyDictionary<string, float>? L2rWeightsByType { get; set; }

    /// <summary>Evaluate on the test files each epoch (default true).</summary>
    public bool Validate { get; set; } = true;
}
