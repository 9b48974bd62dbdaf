using System.Diagnostics;
using System.Text;
using CsCheck;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Tests.Reliability;

/// <summary>
/// Issue 7, fuzzing: random and mutated CSV text through the reader, the typed readers and the
/// featuriser. The only exception allowed is the documented <see cref="DatasetFormatException"/>; every
/// property runs for a bounded time on a fixed seed (CsCheck's PCG), so a failure reproduces exactly:
/// the message carries the iteration and its input.
/// </summary>
public sealed class FuzzTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
    private const int MaxIterations = 5_000;

    private static string ExampleFolder => Path.Combine(RepoPaths.Root, "docs", "example-dataset");

    /// <summary>Characters that matter to CSV (separators, quotes, line ends, list and query separators) and some that do not.</summary>
    private static readonly Gen<char> CsvChar = Gen.Frequency(
        (6, Gen.OneOf(',', '"', '\n', '\r', '|', ' ')),
        (6, Gen.Char['a', 'z']),
        (3, Gen.Char['0', '9']),
        (1, Gen.OneOf('-', '.', 'e', 'é', '\u00A0', '\uFFFD', '\u4E2D')));

    private static readonly Gen<string> CsvText = CsvChar.Array[0, 300].Select(c => new string(c));

    /// <summary>
    /// Runs <paramref name="property"/> on values of <paramref name="gen"/> from a fixed seed until the budget
    /// or the iteration cap. The loop runs on its own task watched by a deadline, so a hanging reader
    /// fails the test with the input that hung instead of blocking the run.
    /// </summary>
    private static int Run<T>(Gen<T> gen, ulong seed, Action<T> property, Func<T, string> print)
    {
        int current = -1;
        T value = default!;
        var loop = Task.Factory.StartNew(() =>
        {
            var pcg = new PCG(1, seed);
            var clock = Stopwatch.StartNew();
            int i = 0;
            for (; i < MaxIterations && clock.Elapsed < Budget; i++)
            {
                value = gen.Generate(pcg, null, out _);
                Volatile.Write(ref current, i);
                try
                {
                    property(value);
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    throw new Xunit.Sdk.XunitException($"Seed {seed}, iteration {i}: {e.GetType().Name}: {e.Message}\nInput: {print(value)}\n{e}");
                }
            }
            return i;
        }, TaskCreationOptions.LongRunning);
        if (!loop.Wait(Budget + HangLimit))
            throw new Xunit.Sdk.XunitException($"Seed {seed}, iteration {Volatile.Read(ref current)} did not finish within {HangLimit.TotalSeconds} s (a hang). Input: {print(value)}");
        int iterations = loop.GetAwaiter().GetResult();
        Assert.True(iterations >= 20, $"only {iterations} iterations ran in {Budget.TotalSeconds} s");
        return iterations;
    }

    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    [Fact]
    public void RandomTextThroughTheCsvReaderEndsOrThrowsTheFormatError()
    {
        Run(CsvText, 7001, text =>
        {
            using var reader = new CsvRecordReader(new StringReader(text), "fuzz.csv");
            var fields = new List<string>();
            int records = 0;
            try
            {
                while (reader.ReadRecord(fields))
                {
                    Assert.True(++records <= text.Length + 1, "more records than characters: the reader is not advancing");
                    Assert.NotEmpty(fields);
                }
            }
            catch (DatasetFormatException e)
            {
                Assert.Equal("fuzz.csv", e.File);
                Assert.InRange(e.Line, 1, text.Count(c => c == '\n') + 1);
            }
        }, Show);
    }

    [Fact]
    public void WrittenRecordsReadBackExactly()
    {
        var field = CsvChar.Array[0, 12].Select(c => new string(c));
        var records = field.Array[1, 6].Array[1, 8];
        Run(records, 7002, table =>
        {
            var sw = new StringWriter();
            using (var w = new CsvWriter(sw))
                foreach (var r in table)
                    w.WriteRecord(r);
            using var reader = new CsvRecordReader(new StringReader(sw.ToString()), "roundtrip.csv");
            var fields = new List<string>();
            // A record of one empty field is a blank line, which readers skip by design.
            foreach (var expected in table.Where(r => !(r.Length == 1 && r[0].Length == 0)))
            {
                Assert.True(reader.ReadRecord(fields));
                Assert.Equal(expected, fields);
            }
            Assert.False(reader.ReadRecord(fields));
        }, t => Show(string.Join("\n", t.Select(r => string.Join(" | ", r)))));
    }

    private const string Specials = ",\"\n\r|x9-.";

    private enum Mutation { Insert, Delete, Replace, FlipBit, DuplicateLine, Truncate, RawByte }

    /// <summary>Applies 1 to 4 random edits to a valid file's bytes.</summary>
    private static Gen<byte[]> Mutated(byte[] original) =>
        Gen.Select(Gen.Enum<Mutation>(), Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], CsvText, (m, a, b, text) => (m, a, b, text))
            .Array[1, 4]
            .Select(edits =>
            {
                var bytes = new List<byte>(original);
                foreach (var (m, a, b, text) in edits)
                {
                    int at = bytes.Count == 0 ? 0 : a % bytes.Count;
                    switch (m)
                    {
                        case Mutation.Insert: bytes.InsertRange(at, Encoding.UTF8.GetBytes(text[..Math.Min(text.Length, 20)])); break;
                        case Mutation.Delete: bytes.RemoveRange(at, Math.Min(bytes.Count - at, b % 12)); break;
                        case Mutation.Replace: if (bytes.Count > 0) bytes[at] = (byte)Specials[b % Specials.Length]; break;
                        case Mutation.FlipBit: if (bytes.Count > 0) bytes[at] ^= (byte)(1 << (b % 8)); break;
                        case Mutation.RawByte: bytes.Insert(at, (byte)(b % 256)); break;
                        case Mutation.Truncate: bytes.RemoveRange(at, bytes.Count - at); break;
                        case Mutation.DuplicateLine:
                            if (bytes.Count == 0) break;
                            int start = bytes.LastIndexOf((byte)'\n', Math.Max(0, at - 1)) + 1;
                            int end = bytes.IndexOf((byte)'\n', at);
                            if (end > start) bytes.InsertRange(start, bytes.GetRange(start, end - start + 1));
                            break;
                    }
                }
                return bytes.ToArray();
            });

    [Theory]
    [InlineData("behaviors.csv", 7101UL)]
    [InlineData("ctr.train.csv", 7102UL)]
    [InlineData("l2r.train.csv", 7103UL)]
    [InlineData("ppp.train.csv", 7104UL)]
    [InlineData("follow.train.csv", 7105UL)]
    [InlineData("users.csv", 7106UL)]
    public void MutatedFilesThroughTheTypedReadersGiveRowsOrTheFormatError(string file, ulong seed)
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir.Path, file);
        byte[] original = File.ReadAllBytes(Path.Combine(ExampleFolder, file));
        Run(Mutated(original), seed, bytes =>
        {
            File.WriteAllBytes(path, bytes);
            foreach (bool skip in new[] { false, true })
            {
                var options = new DatasetReadOptions { SkipBadRows = skip };
                var report = new DatasetReadReport();
                try
                {
                    int rows = file switch
                    {
                        "behaviors.csv" => DatasetReader.ReadBehaviors(path, options, report).Count(),
                        "users.csv" => DatasetReader.ReadUsers(path, options, report).Rows.Count(),
                        _ => DatasetReader.ReadTask(path, DupnTaskNames.Parse(file.Split('.')[0]), options, report).Count(),
                    };
                    // A record ends at LF, CRLF or a lone CR (the reader accepts old Mac line ends).
                    int lineBreaks = bytes.Count(b => b == '\n') + Enumerable.Range(0, bytes.Length).Count(i => bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n'));
                    Assert.InRange(rows, 0, lineBreaks + 1);
                }
                catch (DatasetFormatException e)
                {
                    Assert.Equal(path, e.File);
                    Assert.True(e.Line >= 1);
                    if (skip)
                        Assert.True(e.Line == 1 || e.Problem.Contains("UTF-8") || e.Problem.Contains("quote") || e.Problem.Contains("longer than"),
                            $"with SkipBadRows only file-level errors escape: {e.Message}");
                }
            }
        }, b => Show(Encoding.UTF8.GetString(b)));
    }

    [Fact]
    public void MutatedDatasetsThroughTheFeaturizerGiveRowsOrTheFormatError()
    {
        using var dir = RepoPaths.NewTempDir();
        string[] files = ["behaviors.csv", "ctr.train.csv", "l2r.train.csv", "ppp.train.csv", "users.csv"];
        foreach (string file in files)
            File.Copy(Path.Combine(ExampleFolder, file), Path.Combine(dir.Path, file));
        var originals = files.Select(f => File.ReadAllBytes(Path.Combine(ExampleFolder, f))).ToArray();
        var gen = Gen.Select(Gen.Int[0, files.Length - 1], Gen.Int[0, files.Length - 1], Gen.Bool, (a, b, skip) => (a, b, skip))
            .SelectMany(p => Gen.Select(Mutated(originals[p.a]), Mutated(originals[p.b]), (x, y) => (p.a, x, p.b, y, p.skip)));
        Run(gen, 7201, c =>
        {
            for (int i = 0; i < files.Length; i++)
                File.WriteAllBytes(Path.Combine(dir.Path, files[i]), originals[i]);
            File.WriteAllBytes(Path.Combine(dir.Path, files[c.a]), c.x);
            File.WriteAllBytes(Path.Combine(dir.Path, files[c.b]), c.y);
            try
            {
                var ds = Dataset.Open(dir.Path, new DatasetReadOptions { SkipBadRows = c.skip });
                var featurizer = BehaviorFeaturizer.Fit(ds, new BehaviorFeaturizerOptions { MaxHistory = 3 });
                foreach (var task in new[] { DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp })
                    foreach (var row in featurizer.TransformStream(ds, task, DatasetSplit.Train))
                    {
                        Assert.InRange(row.Length, 0, 3);
                        Assert.All(row.HistoryItem, v => Assert.InRange(v, 1, featurizer.Item.Size + 1));
                        Assert.All(row.HistoryTime, v => Assert.InRange(v, 1, featurizer.TimeGaps.TableSize - 1));
                        Assert.All(row.Profile, v => Assert.InRange(v, 1, 1 + featurizer.Profiles.Max(p => p.Size)));
                        Assert.All(row.RankingFeatures, v => Assert.True(float.IsFinite(v)));
                    }
            }
            catch (DatasetFormatException e)
            {
                Assert.StartsWith(dir.Path, e.File);
            }
        }, c => $"{files[c.a]}: {Show(Encoding.UTF8.GetString(c.x))}\n{files[c.b]}: {Show(Encoding.UTF8.GetString(c.y))}\nskip: {c.skip}");
    }
}
