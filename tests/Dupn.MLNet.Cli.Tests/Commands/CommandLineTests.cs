using System.Text.RegularExpressions;

namespace Dupn.MLNet.Cli.Tests.Commands;

/// <summary>
/// The command line itself, without running a command: the generated help of `dupn` and of every
/// command, what a wrong flag or value says, the exit codes, --version, --verbose and tab completion.
/// </summary>
public class CommandLineTests
{
    /// <summary>Every command with every flag it has taken since before System.CommandLine: none may go missing.</summary>
    public static TheoryData<string, string[]> CommandFlags => new()
    {
        { "generate", ["out", "users", "seed", "days", "test-fraction", "output-format"] },
        { "convert", ["format", "in", "out", "labels", "seed", "test-fraction", "negatives", "output-format", "genre-preference"] },
        { "train", ["data", "out", "variant", "tasks", "single-task", "epochs", "seq-len", "batch-size", "lr", "optimizer", "weight-decay", "repeat",
            "task-lr-factor", "dropout", "id-dropout", "paper-settings", "batch-norm", "dims", "ppp-linear", "paper-heads", "paper-rep", "seed", "threads",
            "checkpoints", "checkpoint-every", "resume", "from", "json"] },
        { "evaluate", ["model", "data", "json", "name", "predictions"] },
        { "baselines", ["data", "models", "seq-len", "seed", "threads", "epochs", "learning-rate", "compact", "json", "predictions"] },
        { "compare", ["a", "b"] },
        { "transfer", ["model", "data", "protocol", "learner", "epochs", "lr", "seed", "threads", "json", "predictions"] },
        { "export", ["model", "out", "part"] },
        { "embed", ["model", "data", "out", "task", "split", "batch"] },
        { "report", ["model", "data", "out", "metrics"] },
        { "bench", ["quick", "json", "sections", "scale", "scale-train-rows", "threads", "users", "batch", "steps", "candidates", "work", "no-huge-pages"] },
        { "demo", ["out", "users", "epochs", "seq-len", "seed", "threads", "deep-baselines"] },
        { "experiment", ["out", "data", "users", "data-seed", "run", "seeds", "epochs", "seq-len", "variants", "baselines", "threads"] },
    };

    [Theory]
    [MemberData(nameof(CommandFlags))]
    public void CommandHelpListsEveryFlagOfTheCommand(string command, string[] flags)
    {
        var (code, output, error) = CliRunner.Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains($" {command} [options]", output); // the usage line
        foreach (string flag in flags)
            Assert.Matches(new Regex($@"^  --{Regex.Escape(flag)}\b", RegexOptions.Multiline), output);
        // Nothing else: a flag that help lists but this table lacks is a new flag the table must learn.
        var listed = Regex.Matches(output, @"^  (--[a-z0-9-]+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value[2..]).ToHashSet();
        listed.ExceptWith(["help", "verbose"]);
        Assert.Equal(flags.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RootHelpListsTheCommandsAndTheGlobalFlags()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        foreach (string command in CommandFlags.Select(row => (string)row[0]))
            Assert.Matches(new Regex($"^  {command} +[a-z]", RegexOptions.Multiline), output);
        foreach (string flag in new[] { "--verbose", "--version", "--help" })
            Assert.Contains(flag, output);
    }

    [Fact]
    public void NoCommandPrintsTheHelpAndFails()
    {
        var (code, output, _) = CliRunner.Run();
        Assert.Equal(2, code);
        Assert.Equal(CliRunner.Run("--help").Out, output);
    }

    [Fact]
    public void HelpWordIsTheHelpFlag()
    {
        Assert.Equal(CliRunner.Run("--help").Out, CliRunner.Run("help").Out);
        var (code, output, _) = CliRunner.Run("help", "train");
        Assert.Equal(0, code);
        Assert.Equal(CliRunner.Run("train", "--help").Out, output);
    }

    [Fact]
    public void HelpIsShownEvenWhenRequiredFlagsAreMissing()
    {
        var (code, output, error) = CliRunner.Run("transfer", "-h");
        Assert.Equal(0, code);
        Assert.Empty(error);
        // The notes under the generated help say what each protocol does.
        Assert.Contains("Protocols (--protocol):", output);
        foreach (string protocol in new[] { "baseline", "rt", "rt-baseline", "rt-rep", "ft", "rs", "ra" })
            Assert.Matches(new Regex($"^  {Regex.Escape(protocol)} +[A-Za-z]", RegexOptions.Multiline), output);
    }

    [Fact]
    public void HelpShowsTheDefaultsAndTheChoices()
    {
        var (_, output, _) = CliRunner.Run("generate", "--help");
        Assert.Matches(@"--users <N> +users to generate \[default: 1000\]", output);
        Assert.Matches(@"--out <DIR> +[^\n]*(\n +[^-\n][^\n]*)*\(required\)", output); // the note may wrap onto the next line
        (_, output, _) = CliRunner.Run("export", "--help");
        Assert.Contains("--part <user|items|full>", output);
    }

    [Fact]
    public void VersionPrintsTheVersionAlone()
    {
        var (code, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+\S*\r?\n$", output);
        Assert.Equal(DupnCli.Version, output.Trim());
    }

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["generate", "--out", "x", "--users"], "dupn generate: Required argument missing for option: '--users'" },
        { ["generate", "--out", "x", "--users", "1", "--users", "2"], "dupn generate: Option '--users' expects a single argument but 2 were provided" },
        { ["generate", "--out=x", "--users=many"], "dupn generate: --users must be a whole number; got 'many'" },
        { ["generate", "--out", "x", "--test-fraction", "2"], "dupn generate: --test-fraction must be between 0.01 and 0.9; got 2" },
        { ["generate", "--out", "x", "--test-fraction", "NaN"], "dupn generate: --test-fraction must be a number; got 'NaN'" },
        { ["generate", "--out", "x", "extra"], "dupn generate: unexpected argument 'extra'; flags look like --name value" },
        { ["export", "--model", ".", "--out", "m.onnx", "--part", "middle"], "dupn export: --part must be one of user|items|full; got 'middle'" },
        { ["embed", "--model", ".", "--data", ".", "--out", "e.csv", "--task", "clicks"], "dupn embed: --task must be one of ctr, l2r, ppp, follow, shop_pref; got 'clicks'" },
        { ["embed", "--model", ".", "--data", ".", "--out", "e.csv", "--split", "dev"], "dupn embed: --split must be one of train|test; got 'dev'" },
        { ["transfer", "--model", ".", "--data", ".", "--protocol", "xx"], "dupn transfer: --protocol must be one of baseline|rt|rt-baseline|rt-rep|ft|rs|ra; got 'xx'" },
        { ["train", "--data", ".", "--out", "m", "--tasks", ""], "dupn train: --tasks needs at least one of ctr,l2r,ppp,follow,shop_pref" },
        { ["train", "--data", ".", "--out", "m", "--optimizer", "sgd"], "dupn train: --optimizer must be one of adagrad|adam; got 'sgd'" },
        { ["train", "--data", ".", "--out", "m", "--from", "/no/such/model"], "dupn train: --from '/no/such/model' is not a folder; give the path of a model folder to continue from" },
        { ["convert", "--in", ".", "--out", "x"], "dupn convert: --format is required (taobao, tmall or movielens)" },
        { ["convert", "--format", "taobao", "--in", "/no/such.csv", "--out", "x"], "dupn convert: --in '/no/such.csv' does not exist; give the path of the log file" },
        { ["convert", "--format", "taobao", "--in", ".", "--out", "x", "--labels", "."], "dupn convert: --labels applies to --format tmall, not taobao" },
        { ["report", "--model", ".", "--data", ".", "--out", "r", "--metrics", "/no/such.json"], "dupn report: --metrics '/no/such.json' does not exist" },
        { ["--userz"], "dupn: unknown flag --userz; this command takes" },
        { ["bench", "--scale", ","], "dupn bench: --scale needs at least one user count" },
        // A value that starts with @ is a value, not a response file to read.
        { ["compare", "--a", "@no-such-file", "--b", "x.csv"], "dupn compare: --a '@no-such-file' does not exist" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void MistakesNameTheFlagOnOneLineAndExitWithTwo(string[] args, string expected)
    {
        var (code, output, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Empty(output);
    }

    [Theory]
    [MemberData(nameof(CommandFlags))]
    public void AnUnknownFlagIsNamedWithTheFlagsTheCommandTakes(string command, string[] flags)
    {
        var (code, output, error) = CliRunner.Run(command, "--no-such-flag", "1");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"dupn {command}: unknown flag --no-such-flag; this command takes ", error);
        foreach (string flag in flags)
            Assert.Contains($"--{flag}", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void VerboseIsTakenBeforeOrAfterTheCommandAndShowsTheStackTrace()
    {
        var (code, _, error) = CliRunner.Run("evaluate", "--model", ".", "--data", ".");
        Assert.Equal(1, code);
        Assert.DoesNotContain("   at ", error);
        foreach (var args in new[] { new[] { "--verbose", "evaluate", "--model", ".", "--data", "." }, ["evaluate", "--model", ".", "--data", ".", "--verbose"] })
        {
            (code, _, error) = CliRunner.Run(args);
            Assert.Equal(1, code);
            Assert.Contains("is not a Dupn.MLNet model folder", error);
            Assert.Contains("   at ", error);
        }
    }

    [Theory]
    [InlineData("train --variant ", new[] { "all", "nobp", "bplstm", "bpatt", "w2v" })]
    [InlineData("embed --task ", new[] { "ctr", "l2r", "ppp", "follow", "shop_pref" })]
    [InlineData("train --paper", new[] { "--paper-heads", "--paper-rep", "--paper-settings" })]
    [InlineData("tra", new[] { "train", "transfer" })]
    public void TabCompletionOffersTheCommandsFlagsAndChoices(string line, string[] expected)
    {
        // What a shell's completion script asks (System.CommandLine's [suggest] directive, used by dotnet-suggest).
        var (code, output, error) = CliRunner.Run($"[suggest:{line.Length}]", line);
        Assert.True(code == 0, error);
        var offered = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected.Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));
    }
}
