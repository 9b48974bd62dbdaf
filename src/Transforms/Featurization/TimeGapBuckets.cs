namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// Buckets the gap between a behaviour and the request, like the paper: &lt; 1 min, &lt; 5 min,
/// &lt; 30 min, &lt; 1 h, &lt; 1 day, &lt; 1 week, older. Index = 2 + bucket, so 0 stays padding and
/// 1 means unknown.
/// </summary>
public sealed class TimeGapBuckets
{
    /// <summary>The paper's upper bounds in seconds (exclusive); the last bucket is "older".</summary>
    public static readonly long[] DefaultBoundsSeconds = [60, 5 * 60, 30 * 60, 3600, 86_400, 7 * 86_400];

    private readonly long[] _bounds;

    public TimeGapBuckets(IReadOnlyList<long>? boundsSeconds = null)
    {
        _bounds = (boundsSeconds ?? DefaultBoundsSeconds).ToArray();
        if (_bounds.Length == 0)
            throw new ArgumentException("At least one time-gap bound is needed.", nameof(boundsSeconds));
        for (int i = 0; i < _bounds.Length; i++)
        {
            if (_bounds[i] <= 0 || (i > 0 && _bounds[i] <= _bounds[i - 1]))
                throw new ArgumentException($"Time-gap bounds must be positive and strictly increasing; bound {i} is {_bounds[i]}.", nameof(boundsSeconds));
        }
    }

    /// <summary>The bounds in seconds.</summary>
    public IReadOnlyList<long> BoundsSeconds => _bounds;

    /// <summary>Rows of the time embedding table: padding, unknown, then one per bucket.</summary>
    public int TableSize => _bounds.Length + 3;

    /// <summary>The index of a gap in seconds (negative gaps are unknown: 1).</summary>
    public int IndexOf(long gapSeconds)
    {
        if (gapSeconds < 0)
            return 1;
        int bucket = 0;
        while (bucket < _bounds.Length && gapSeconds >= _bounds[bucket])
            bucket++;
        return 2 + bucket;
    }
}
