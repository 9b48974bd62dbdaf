namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>FNV-1a over the UTF-16 code units: the same bucket on every run and platform (string.GetHashCode is randomised per process).</summary>
internal static class StableHash
{
    public static uint Of(ReadOnlySpan<char> text)
    {
        uint h = 2166136261;
        foreach (char c in text)
        {
            h = (h ^ (byte)c) * 16777619;
            h = (h ^ (byte)(c >> 8)) * 16777619;
        }
        return h;
    }
}
