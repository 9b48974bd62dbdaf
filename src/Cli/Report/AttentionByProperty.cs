using System.Text.Json.Serialization;

namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Mean attention weight per behaviour type (rows: click, fav, cart, buy ...) and time-gap bucket
/// (columns, most recent first as in TimeGapBuckets), averaged over many users and queries.
/// A cell with no behaviours is <see cref="double.NaN"/> and is drawn grey.
/// </summary>
/// <param name="BehaviorTypes">Row labels.</param>
/// <param name="TimeBuckets">Column labels, e.g. "&lt; 1 min", "&lt; 5 min", ..., most recent first.</param>
/// <param name="MeanWeights">[type, bucket] mean attention weight; NaN where no behaviour fell in the cell.</param>
public sealed record AttentionByProperty(
    IReadOnlyList<string> BehaviorTypes,
    IReadOnlyList<string> TimeBuckets,
    [property: JsonConverter(typeof(Matrix2DJsonConverter<double>))] double[,] MeanWeights);
