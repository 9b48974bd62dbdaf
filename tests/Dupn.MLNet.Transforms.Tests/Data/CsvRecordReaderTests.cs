using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Tests.Data;

public class CsvRecordReaderTests
{
    private static List<List<string>> ReadAll(string text, out List<long> lines)
    {
        using var csv = new CsvRecordReader(new StringReader(text), "t.csv");
        var result = new List<List<string>>();
        lines = [];
        var fields = new List<string>();
        while (csv.ReadRecord(fields))
        {
            result.Add([.. fields]);
            lines.Add(csv.RecordLine);
        }
        return result;
    }

    [Fact]
    public void QuotedFieldsHoldSeparatorsQuotesAndLineBreaks()
    {
        var rows = ReadAll("a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\nlast,row,end", out var lines);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["x,1", "say \"hi\"", "two\nlines"], rows[1]);
        Assert.Equal(["", "", ""], rows[2]);
        Assert.Equal(["last", "row", "end"], rows[3]);
        Assert.Equal([1L, 2L, 4L, 5L], lines);
    }

    [Fact]
    public void UnclosedQuoteNamesFileAndLine()
    {
        var ex = Assert.Throws<DatasetFormatException>(() => ReadAll("a,b\n1,2\n3,\"open\n", out _));
        Assert.Equal(3, ex.Line);
        Assert.Contains("t.csv, line 3", ex.Message);
    }

    [Fact]
    public void LongFieldsSpanningBufferRefillsAreIntact()
    {
        string big = new('x', 200_000);
        var rows = ReadAll($"h1,h2\n{big},\"{big}\"\n", out _);
        Assert.Equal(big, rows[1][0]);
        Assert.Equal(big, rows[1][1]);
    }
}
