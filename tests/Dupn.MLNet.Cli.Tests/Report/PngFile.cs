using System.Buffers.Binary;
using SkiaSharp;

namespace Dupn.MLNet.Cli.Tests.Report;

/// <summary>Reads what the tests check of a PNG: the signature, the IHDR size, and how many colours it uses.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk; throws when the file is not a PNG.</summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        byte[] head = new byte[24];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadExactly(head);
        }

        Assert.True(head.AsSpan(0, 8).SequenceEqual(Signature), $"{path} does not start with the PNG signature.");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(head, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
    }

    /// <summary>The number of distinct pixel colours (a blank image has one).</summary>
    public static int DistinctColours(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} does not decode as an image.");
        return bitmap.Pixels.Distinct().Count();
    }

    /// <summary>The fraction of pure-white pixels: a heat map whose cells failed to draw is mostly white.</summary>
    public static double WhiteFraction(string path)
    {
        using var bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} does not decode as an image.");
        var pixels = bitmap.Pixels;
        return pixels.Count(p => p.Red == 255 && p.Green == 255 && p.Blue == 255) / (double)pixels.Length;
    }
}
