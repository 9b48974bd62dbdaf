using System.CommandLine;
using Dupn.MLNet.Cli.CommandLine;

namespace Dupn.MLNet.Cli.Tests.CommandLine;

/// <summary>
/// The kinds of flag on their own: an absent flag gives null (or its default) so that a command can
/// tell "not given" from a value, even for lists and arrays, which System.CommandLine would make
/// empty; a given one parses, or fails with a message naming it.
/// </summary>
public class FlagTests
{
    private static ParseResult Parse(Option option, params string[] args)
    {
        var command = new RootCommand { option };
        return command.Parse(args);
    }

    [Fact]
    public void AbsentFlagsGiveNullOrTheirDefault()
    {
        var text = Flag.Text("--out", "DIR", "a folder");
        var optionalInt = Flag.OptionalInt("--epochs", "N", "epochs", min: 1);
        var optionalDouble = Flag.OptionalDouble("--lr", "X", "rate", min: 0);
        var parsed = Flag.Parsed("--seeds", "LIST", "seeds", text => text.Split(',').Select(int.Parse).ToArray());
        var list = ChoiceFlag.List("--tasks", "LIST", "tasks", "ctr", "ppp");
        var oneOrNone = ChoiceFlag.OneOrNone("--format", "format", "taobao", "tmall");
        var one = ChoiceFlag.One("--part", "part", "full", "user", "full");
        var number = Flag.Int("--users", "N", "users", 1000, min: 1);
        var counts = ChoiceFlag.Counts("--repeat", "repeats", 1, 10, "ctr", "ppp");

        Assert.Null(Parse(text).GetValue(text));
        Assert.Null(Parse(optionalInt).GetValue(optionalInt));
        Assert.Null(Parse(optionalDouble).GetValue(optionalDouble));
        // Lists and arrays read as empty through GetValue when absent: GetValueIfGiven tells absence apart.
        Assert.Null(Parse(parsed).GetValueIfGiven(parsed));
        Assert.Null(Parse(list).GetValueIfGiven(list));
        Assert.Null(Parse(oneOrNone).GetValue(oneOrNone));
        Assert.Equal("full", Parse(one).GetValue(one));
        Assert.Equal(1000, Parse(number).GetValue(number));
        Assert.Empty(Parse(counts).GetValue(counts)!);
    }

    [Fact]
    public void GivenFlagsParse()
    {
        var parsed = Flag.Parsed("--seeds", "LIST", "seeds", text => text.Split(',').Select(int.Parse).ToArray());
        var list = ChoiceFlag.List("--tasks", "LIST", "tasks", "ctr", "ppp");
        var one = ChoiceFlag.One("--part", "part", "full", "user", "full");
        var counts = ChoiceFlag.Counts("--repeat", "repeats", 1, 10, "ctr", "ppp");
        var rate = Flag.OptionalDouble("--lr", "X", "rate", min: 0);

        Assert.Equal([1, 2], Parse(parsed, "--seeds", "1,2").GetValueIfGiven(parsed)!);
        Assert.Equal(["ppp", "ctr"], Parse(list, "--tasks", "PPP, ctr,ppp").GetValueIfGiven(list)!);
        Assert.Equal("user", Parse(one, "--part", "USER").GetValue(one));
        Assert.Equal(new Dictionary<string, int> { ["ppp"] = 4 }, Parse(counts, "--repeat=PPP=4").GetValue(counts));
        Assert.Equal(1e-3, Parse(rate, "--lr", "1e-3").GetValue(rate));
    }

    [Theory]
    [InlineData("--users", "0", "--users must be between 1 and 5; got 0.")]
    [InlineData("--users", "1.5", "--users must be a whole number; got '1.5'.")]
    [InlineData("--rate", "Infinity", "--rate must be a number; got 'Infinity'.")]
    [InlineData("--rate", "0.5", "--rate must be between 1 and 2; got 0.5.")]
    [InlineData("--part", "both", "--part must be one of user|full; got 'both'.")]
    [InlineData("--tasks", ",", "--tasks needs at least one of ctr,ppp.")]
    [InlineData("--repeat", "ctr=1,ctr=2", "--repeat names ctr twice.")]
    public void WrongValuesFailWithTheFlagsName(string flag, string value, string message)
    {
        Option option = flag switch
        {
            "--users" => Flag.Int("--users", "N", "users", 1, min: 1, max: 5),
            "--rate" => Flag.Double("--rate", "X", "rate", 1, min: 1, max: 2),
            "--part" => ChoiceFlag.One("--part", "part", "full", "user", "full"),
            "--tasks" => ChoiceFlag.List("--tasks", "LIST", "tasks", "ctr", "ppp"),
            _ => ChoiceFlag.Counts("--repeat", "repeats", 1, 10, "ctr", "ppp"),
        };
        var result = Parse(option, flag, value);
        Assert.Equal(message, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void ExistingFolderIsCheckedWhileParsing()
    {
        var folder = Flag.ExistingFolder("--data", "DIR", "a dataset", "a dataset folder");
        Assert.Empty(Parse(folder, "--data", ".").Errors);
        Assert.Equal("--data '/no/such/folder' is not a folder; give the path of a dataset folder.",
            Assert.Single(Parse(folder, "--data", "/no/such/folder").Errors).Message);
    }
}
