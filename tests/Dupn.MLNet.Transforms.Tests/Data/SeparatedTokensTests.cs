using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Transforms.Tests.Data;

/// <summary>The span tokenizer and span-keyed lookup that stand in for .NET 9 APIs on .NET 8.</summary>
public class SeparatedTokensTests
{
    private static string[] Tokens(string field)
    {
        var tokens = new List<string>();
        foreach (var token in new SeparatedTokens(field, '|'))
            tokens.Add(new string(token));
        return [.. tokens];
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("a|b")]
    [InlineData("a||b")]
    [InlineData("|a|")]
    [InlineData("||")]
    [InlineData("price_3|style_1|")]
    public void Tokens_are_those_string_split_gives_and_the_list_drops_the_empty_ones(string field)
    {
        Assert.Equal(field.Split('|'), Tokens(field));
        Assert.Equal(DatasetSchema.SplitList(field), DatasetSchema.SplitList(field.AsSpan()));
    }

    [Fact]
    public void Span_keyed_lookup_reads_and_counts_by_characters()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = new SpanKeyedLookup<long>(counts);
        foreach (var token in new SeparatedTokens("a|b|a", '|'))
            lookup.GetValueRefOrAddDefault(token)++;
        Assert.Equal(2, counts["a"]);
        Assert.Equal(1, counts["b"]);
        Assert.True(lookup.TryGetValue("b|".AsSpan(0, 1), out long b));
        Assert.Equal(1, b);
        Assert.False(lookup.TryGetValue("c", out _));
    }
}
