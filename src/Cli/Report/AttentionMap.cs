using System.Text.Json.Serialization;

namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// The attention weights a_t of one user's history under several queries (paper section 3):
/// row q is the softmax over the user's behaviours when the request carries query q.
/// </summary>
/// <param name="UserId">The user whose history this is (shown in the title).</param>
/// <param name="Queries">Row labels: one query per row.</param>
/// <param name="BehaviorLabels">Column labels, oldest behaviour first, e.g. "buy · shoes" (type and category).</param>
/// <param name="Weights">[query, behaviour] attention weights; each row normally sums to 1.</param>
public sealed record AttentionMap(
    string UserId,
    IReadOnlyList<string> Queries,
    IReadOnlyList<string> BehaviorLabels,
    [property: JsonConverter(typeof(Matrix2DJsonConverter<float>))] float[,] Weights);
