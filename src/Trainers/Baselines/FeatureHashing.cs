namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// The feature hash of the wide models: FNV-1a of a token into 2^bits slots. Shared by
/// <see cref="WideBaseline"/> and the wide part of Wide&amp;Deep so both see the same crosses.
/// </summary>
internal static class FeatureHashing
{
    /// <summary>The slot of <paramref name="token"/> among 2^<paramref name="bits"/>.</summary>
    public static int Slot(string token, int bits) => (int)(Fnv1a(token) & (uint)((1 << bits) - 1));

    /// <summary>The slots of the Wide model's tokens for one row (a repeated token repeats its slot, so a sum counts it).</summary>
    public static int[] Slots(IEnumerable<string> tokens, int bits) => tokens.Select(t => Slot(t, bits)).ToArray();

    // FNV-1a: stable across processes and platforms (string.GetHashCode is randomised per process).
    private static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 16777619;
        }
        return hash;
    }
}
