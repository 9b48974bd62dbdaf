using System.Globalization;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Tests.Data;

public class DecimalFloatTests
{
    [Theory]
    [InlineData("0.9447")]
    [InlineData("-1.1379")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("16777215")]
    [InlineData("16777217")]
    [InlineData("0.1234567891")]
    [InlineData("0.12345678912")]
    [InlineData("1e-3")]
    [InlineData(".5")]
    [InlineData(" 2.5")]
    [InlineData("+3")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("3.4028236e38")]
    public void SpecialFormsMatchTheFrameworkParser(string text) => AssertSameAsFramework(text);

    [Fact]
    public void RandomDecimalsMatchTheFrameworkParserBitForBit()
    {
        var rng = new Random(7);
        for (int n = 0; n < 50_000; n++)
        {
            string integer = rng.Next(4) == 0 ? "0" : rng.NextInt64(0, (long)Math.Pow(10, rng.Next(1, 10))).ToString(CultureInfo.InvariantCulture);
            string fraction = rng.Next(3) == 0 ? "" : "." + string.Concat(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => (char)('0' + rng.Next(10))));
            AssertSameAsFramework((rng.Next(2) == 0 ? "-" : "") + integer + fraction);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData("1..2")]
    [InlineData("abc")]
    [InlineData("1,5")]
    public void NonNumbersAreRejectedLikeTheFrameworkDoes(string text) => AssertSameAsFramework(text);

    private static void AssertSameAsFramework(string text)
    {
        bool expectedOk = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float expected);
        bool ok = DecimalFloat.TryParse(text, out float actual);
        Assert.Equal(expectedOk, ok);
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"'{text}': {actual:R} where float.Parse gives {expected:R}");
    }
}
