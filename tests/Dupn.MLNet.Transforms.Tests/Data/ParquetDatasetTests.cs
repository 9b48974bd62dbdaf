using Dupn.MLNet.Tests.Featurization;
using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Transforms.Generation;
using Parquet;
using Parquet.Schema;

namespace Dupn.MLNet.Tests.Data;

/// <summary>Parquet dataset files read to the same rows as CSV, with the same validation and located errors.</summary>
public class ParquetDatasetTests
{
    private static readonly BehaviorFeaturizerOptions Options = new() { MaxHistory = 12, TagsPerBehavior = 3, QueryTokens = 4, MinCount = 2 };

    [Fact]
    public void ParquetCopyOfAGeneratedDatasetFeaturisesToTheSameRows()
    {
        using var dir = RepoPaths.NewTempDir();
        string csv = Path.Combine(dir.Path, "csv"), parquet = Path.Combine(dir.Path, "parquet");
        TaobaoLikeGenerator.Generate(csv, new TaobaoLikeGeneratorOptions { Users = 150, Seed = 5, RankingFeatures = 4 });
        var csvData = Dataset.Open(csv);
        // Small row groups: rows cross many group boundaries.
        var written = ParquetDatasetWriter.WriteCopy(csvData, parquet, rowGroupRows: 997);
        Assert.Contains("behaviors.parquet", written.Keys);
        Assert.Contains("users.parquet", written.Keys);
        Assert.DoesNotContain(Directory.GetFiles(parquet), f => f.EndsWith(".csv", StringComparison.Ordinal));
        var parquetData = Dataset.Open(parquet);
        Assert.Equal(DatasetFileFormat.Parquet, parquetData.BehaviorsFormat);
        Assert.Equal(csvData.Tasks, parquetData.Tasks);
        Assert.True(written["behaviors.parquet"] > 3 * 997, "the log spans several row groups");

        // Each fitted on its own copy: the vocabularies come out the same, or the rows below would differ.
        var fromCsv = BehaviorFeaturizer.Fit(csvData, Options);
        var fromParquet = BehaviorFeaturizer.Fit(parquetData, Options);
        Assert.Equal(fromCsv.Item.Size, fromParquet.Item.Size);
        Assert.Equal(fromCsv.ProfileColumns, fromParquet.ProfileColumns);
        long compared = 0;
        foreach (var task in csvData.Tasks)
        {
            foreach (var split in new[] { DatasetSplit.Train, DatasetSplit.Test })
            {
                var expected = fromCsv.TransformStream(csvData, task, split).ToList();
                var actual = fromParquet.TransformStream(parquetData, task, split).ToList();
                Assert.Equal(expected.Count, actual.Count);
                for (int i = 0; i < expected.Count; i++)
                    BehaviorFeaturizerTests.AssertSame(expected[i], actual[i]);
                compared += expected.Count;
            }
        }
        Assert.True(compared > 1000, $"only {compared} rows compared");
        Assert.Contains(fromCsv.TransformStream(csvData, DupnTask.L2r, DatasetSplit.Train), r => r.RankingFeatures.Length == 4);
        Assert.Contains(fromCsv.TransformStream(csvData, DupnTask.Ctr, DatasetSplit.Train), r => r.Length > 0 && r.Profile.Any(p => p > 1));
    }

    [Fact]
    public void PartitionedTransformOfAParquetDatasetGivesTheCsvRowsPerUser()
    {
        using var dir = RepoPaths.NewTempDir();
        string csv = Path.Combine(dir.Path, "csv"), parquet = Path.Combine(dir.Path, "parquet");
        TaobaoLikeGenerator.Generate(csv, new TaobaoLikeGeneratorOptions { Users = 60, Seed = 2, RankingFeatures = 3 });
        ParquetDatasetWriter.WriteCopy(Dataset.Open(csv), parquet, rowGroupRows: 300);
        var f = BehaviorFeaturizer.Fit(Dataset.Open(csv), Options);
        var whole = f.Transform(Dataset.Open(csv), DupnTask.L2r, DatasetSplit.Train);
        // Partitions are written from the Parquet rows: the rows per user are those of the CSV copy.
        var parted = f.TransformPartitioned(Dataset.Open(parquet), DupnTask.L2r, DatasetSplit.Train, partitions: 3, tempFolder: dir.Path).ToList();
        Assert.Equal(whole.Count, parted.Count);
        var byUser = parted.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var group in whole.GroupBy(r => r.UserId))
        {
            var other = byUser[group.Key];
            Assert.Equal(group.Count(), other.Count);
            foreach (var (a, b) in group.Zip(other))
                BehaviorFeaturizerTests.AssertSame(a, b);
        }
    }

    [Fact]
    public void TypedRowsOfBothCopiesAreEqual()
    {
        using var dir = RepoPaths.NewTempDir();
        string csv = Path.Combine(dir.Path, "csv"), parquet = Path.Combine(dir.Path, "parquet");
        TaobaoLikeGenerator.Generate(csv, new TaobaoLikeGeneratorOptions { Users = 40, Seed = 9, RankingFeatures = 3 });
        var a = Dataset.Open(csv);
        ParquetDatasetWriter.WriteCopy(a, parquet, rowGroupRows: 50);
        var b = Dataset.Open(parquet);
        var ba = a.Behaviors().ToList();
        var bb = b.Behaviors().ToList();
        Assert.Equal(ba.Count, bb.Count);
        Assert.Contains(ba, x => x.Tags.Length > 1);
        for (int i = 0; i < ba.Count; i++)
        {
            Assert.Equal(ba[i].UserId, bb[i].UserId);
            Assert.Equal(ba[i].Timestamp, bb[i].Timestamp);
            Assert.Equal((ba[i].ItemId, ba[i].ShopId, ba[i].BrandId, ba[i].CategoryId), (bb[i].ItemId, bb[i].ShopId, bb[i].BrandId, bb[i].CategoryId));
            Assert.Equal(ba[i].Tags, bb[i].Tags);
            Assert.Equal((ba[i].BehaviorType, ba[i].Scene), (bb[i].BehaviorType, bb[i].Scene));
        }
        foreach (var task in a.Tasks)
        {
            var ra = a.TaskRows(task, DatasetSplit.Train).ToList();
            var rb = b.TaskRows(task, DatasetSplit.Train).ToList();
            Assert.Equal(ra.Count, rb.Count);
            for (int i = 0; i < ra.Count; i++)
            {
                Assert.Equal((ra[i].UserId, ra[i].Timestamp, ra[i].Label, ra[i].Level), (rb[i].UserId, rb[i].Timestamp, rb[i].Label, rb[i].Level));
                Assert.Equal(ra[i].Query, rb[i].Query);
                Assert.Equal(ra[i].Tags, rb[i].Tags);
                Assert.Equal(ra[i].Features, rb[i].Features);
                Assert.Equal(ra[i].TalentTags, rb[i].TalentTags);
                Assert.Equal((ra[i].ItemId, ra[i].ShopId, ra[i].TalentId, ra[i].BehaviorType), (rb[i].ItemId, rb[i].ShopId, rb[i].TalentId, rb[i].BehaviorType));
            }
        }
        Assert.Equal(a.Users.Columns, b.Users.Columns);
        Assert.Equal(a.Users.Rows.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + string.Join(",", p.Value)),
            b.Users.Rows.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + string.Join(",", p.Value)));
    }

    [Fact]
    public void ExampleDatasetSurvivesConversionInPlace()
    {
        using var dir = RepoPaths.NewTempDir();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs", "example-dataset"), "*.csv"))
            File.Copy(file, Path.Combine(dir.Path, Path.GetFileName(file)));
        var before = Dataset.Open(dir.Path).Behaviors().ToList();
        var written = ParquetDatasetWriter.ConvertInPlace(dir.Path);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.csv"));
        Assert.Equal(Directory.GetFiles(dir.Path, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal), written.Keys.Order(StringComparer.Ordinal));
        var ds = Dataset.Open(dir.Path);
        var after = ds.Behaviors().ToList();
        // Commas, quotes and empty fields of the CSV survive as plain Parquet strings.
        Assert.Equal("i,30", after[6].ItemId);
        Assert.Equal(["price_1", "\"quoted\" tag"], after[6].Tags);
        Assert.Equal(before.Select(b => (b.UserId, b.Timestamp, b.ItemId, b.Scene)), after.Select(b => (b.UserId, b.Timestamp, b.ItemId, b.Scene)));
        Assert.Equal([0.1f, 0f, 2.5f], ds.TaskRows(DupnTask.L2r, DatasetSplit.Train).ToList()[1].Features);
        Assert.Equal(["m", ""], ds.Users.Get("u2")!);
    }

    [Fact]
    public void GeneratingAgainInTheOtherFormatReplacesTheFiles()
    {
        using var dir = RepoPaths.NewTempDir();
        var parquet = TaobaoLikeGenerator.Generate(dir.Path, new TaobaoLikeGeneratorOptions { Users = 20, OutputFormat = DatasetFileFormat.Parquet });
        Assert.Equal(DatasetFileFormat.Parquet, parquet.Format);
        Assert.Contains("ctr.train.parquet", parquet.TaskRows.Keys);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.csv"));
        long rows = Dataset.Open(dir.Path).TaskRows(DupnTask.Ctr, DatasetSplit.Train).LongCount();
        Assert.Equal(parquet.TaskRows["ctr.train.parquet"], rows);

        // CSV into the same folder: the stale Parquet copies go, so the folder opens (as CSV).
        TaobaoLikeGenerator.Generate(dir.Path, new TaobaoLikeGeneratorOptions { Users = 20 });
        Assert.Empty(Directory.GetFiles(dir.Path, "*.parquet"));
        var ds = Dataset.Open(dir.Path);
        Assert.Equal(DatasetFileFormat.Csv, ds.BehaviorsFormat);
        Assert.Equal(rows, ds.TaskRows(DupnTask.Ctr, DatasetSplit.Train).LongCount());
    }

    [Fact]
    public void BothCopiesOfAFileAreRefused()
    {
        using var dir = RepoPaths.NewTempDir();
        File.WriteAllText(Path.Combine(dir.Path, "behaviors.csv"), string.Join(",", DatasetSchema.BehaviorColumns) + "\nu1,5,i,s,b,c,,click,\n");
        ParquetDatasetWriter.WriteBehaviors(Dataset.Open(dir.Path).Behaviors().ToList(), Path.Combine(dir.Path, "behaviors.parquet"));
        var ex = Assert.Throws<InvalidDataException>(() => Dataset.Open(dir.Path));
        Assert.Contains("behaviors.csv", ex.Message);
        Assert.Contains("behaviors.parquet", ex.Message);
    }

    [Fact]
    public void IntegerIdsListTagsAndNullsAreRead()
    {
        using var dir = RepoPaths.NewTempDir();
        // A lake's layout: int64 ids, nullable columns, list<string> tags with nullable elements,
        // columns in another order than the CSV header.
        var user = new DataField<long>("user_id");
        var item = new DataField<long?>("item_id");
        var tags = new ListField("tags", new DataField<string>("element"));
        var schema = new ParquetSchema(
            new DataField<string>("scene"), user, new DataField<long>("timestamp"), item,
            new DataField<int>("shop_id"), new DataField<string>("brand_id"), new DataField<string>("category_id"), tags,
            new DataField<string>("behavior_type"));
        string path = Path.Combine(dir.Path, "behaviors.parquet");
        Write(path, schema, async g =>
        {
            await g.WriteAsync(schema.DataFields[0], new string?[] { "home", null, "" });
            await g.WriteAsync<long>(schema.DataFields[1], new long[] { 10, 10, -7 });
            await g.WriteAsync<long>(schema.DataFields[2], new long[] { 100, 200, 300 });
            await g.WriteAsync<long>(schema.DataFields[3], new long?[] { 9_000_000_000, null, 3 });
            await g.WriteAsync<int>(schema.DataFields[4], new int[] { 1, 2, 3 });
            await g.WriteAsync(schema.DataFields[5], new string?[] { "b", "b", "b" });
            await g.WriteAsync(schema.DataFields[6], new string?[] { "c", "c", "c" });
            // Rows: [a, null, b], [] (levels: element 3, null element 2, empty list 1), [z]
            var tagField = schema.DataFields[7];
            await g.WriteAllPartsAsync<ReadOnlyMemory<char>>(tagField, new[] { "a".AsMemory(), "b".AsMemory(), "z".AsMemory() },
                new[] { 3, 2, 3, 1, 3 }, new[] { 0, 1, 1, 0, 0 }, default);
            await g.WriteAsync(schema.DataFields[8], new string?[] { "click", "buy", "fav" });
        });
        var rows = DatasetReader.ReadBehaviors(path).ToList();
        Assert.Equal(["10", "10", "-7"], rows.Select(r => r.UserId));
        Assert.Equal(["9000000000", "", "3"], rows.Select(r => r.ItemId));
        Assert.Equal(["1", "2", "3"], rows.Select(r => r.ShopId));
        Assert.Equal(["a", "b"], rows[0].Tags);
        Assert.Empty(rows[1].Tags);
        Assert.Equal(["z"], rows[2].Tags);
        Assert.Equal(["home", "", ""], rows.Select(r => r.Scene));
        Assert.Equal([100L, 200, 300], rows.Select(r => r.Timestamp));
    }

    [Fact]
    public void StringTagsAndDoubleFeatureListsAreRead()
    {
        using var dir = RepoPaths.NewTempDir();
        var columns = DatasetSchema.TaskColumns(DupnTask.L2r);
        var features = new ListField("features", new DataField<double>("element"));
        var fields = columns.Select(c => c switch
        {
            "timestamp" => new DataField<long>(c),
            "label" => new DataField<bool>(c),
            "features" => (Field)features,
            _ => new DataField<string>(c),
        }).ToArray();
        var schema = new ParquetSchema(fields);
        string path = Path.Combine(dir.Path, "l2r.train.parquet");
        Write(path, schema, async g =>
        {
            foreach (var f in schema.DataFields)
            {
                if (f.Name == "timestamp")
                    await g.WriteAsync<long>(f, new long[] { 5, 6 });
                else if (f.Name == "label")
                    await g.WriteAsync<bool>(f, new[] { true, false });
                else if (f.Path.ToString().StartsWith("features", StringComparison.Ordinal))
                    await g.WriteAllPartsAsync<double>(f, new[] { 0.1, -2.5, 1e-3, 4.0 }, Enumerable.Repeat(f.MaxDefinitionLevel, 4).ToArray(), new[] { 0, 1, 0, 1 }, default);
                else
                    await g.WriteAsync(f, f.Name == "tags" ? new[] { "x|y", "" } : f.Name == "query" ? new[] { "red  dress", "" } : new[] { f.Name, f.Name });
            }
        });
        var rows = DatasetReader.ReadTask(path, DupnTask.L2r).ToList();
        Assert.Equal([0.1f, -2.5f], rows[0].Features);
        Assert.Equal([1e-3f, 4f], rows[1].Features);
        Assert.Equal(["x", "y"], rows[0].Tags);
        Assert.Empty(rows[1].Tags);
        Assert.Equal(["red", "dress"], rows[0].Query);
        Assert.Equal([1, 0], rows.Select(r => r.Label));
    }

    [Fact]
    public void MissingColumnIsASchemaErrorNamingIt()
    {
        using var dir = RepoPaths.NewTempDir();
        var fields = DatasetSchema.BehaviorColumns.Where(c => c != "scene").Select(c => c == "timestamp" ? (Field)new DataField<long>(c) : new DataField<string>(c)).ToArray();
        string path = WriteOneRow(dir, "behaviors.parquet", new ParquetSchema(fields), c => c == "behavior_type" ? "click" : "x");
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path).ToList());
        Assert.Equal(0, ex.Line);
        Assert.Equal("scene", ex.Column);
        Assert.Equal(DatasetFileFormat.Parquet, ex.Format);
        Assert.Contains("lacks column 'scene'", ex.Message);
        Assert.Contains(path + ", schema, column 'scene'", ex.Message);

        // The CSV file without that column fails the same way, on its header.
        string csv = Path.Combine(dir.Path, "behaviors.csv");
        File.WriteAllText(csv, string.Join(",", DatasetSchema.BehaviorColumns.Where(c => c != "scene")) + "\n");
        var csvError = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(csv).ToList());
        Assert.Equal("scene", csvError.Column);
        Assert.Contains("lacks column 'scene'", csvError.Message);
    }

    [Fact]
    public void UnknownColumnIsRefused()
    {
        using var dir = RepoPaths.NewTempDir();
        var fields = DatasetSchema.BehaviorColumns.Append("price").Select(c => c == "timestamp" ? (Field)new DataField<long>(c) : new DataField<string>(c)).ToArray();
        string path = WriteOneRow(dir, "behaviors.parquet", new ParquetSchema(fields), c => c == "behavior_type" ? "click" : "x");
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path).ToList());
        Assert.Equal("price", ex.Column);
        Assert.Contains("unknown column 'price'", ex.Message);
    }

    [Theory]
    [InlineData("timestamp", typeof(double), "is a double column; timestamp must be an integer column")]
    [InlineData("user_id", typeof(float), "is a float column; user_id must be a string or an integer column")]
    [InlineData("timestamp", typeof(DateTime), "Store unix seconds as int64")]
    public void WrongColumnTypeIsASchemaErrorNamingTheColumn(string column, Type type, string problem)
    {
        using var dir = RepoPaths.NewTempDir();
        var fields = DatasetSchema.BehaviorColumns.Select(c => c == column ? new DataField(c, type) : c == "timestamp" ? (Field)new DataField<long>(c) : new DataField<string>(c)).ToArray();
        var schema = new ParquetSchema(fields);
        string path = Path.Combine(dir.Path, "behaviors.parquet");
        Write(path, schema, async g =>
        {
            foreach (var f in schema.DataFields)
            {
                if (f.ClrType == typeof(long)) await g.WriteAsync<long>(f, new long[] { 5 });
                else if (f.ClrType == typeof(double)) await g.WriteAsync<double>(f, new[] { 5.0 });
                else if (f.ClrType == typeof(float)) await g.WriteAsync<float>(f, new[] { 5f });
                else if (f.ClrType == typeof(DateTime)) await g.WriteAsync<DateTime>(f, new[] { DateTime.UnixEpoch });
                else await g.WriteAsync(f, new[] { f.Name == "behavior_type" ? "click" : "x" });
            }
        });
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path).ToList());
        Assert.Equal(0, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(problem, ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void EmptyRequiredIdNamesTheRowAndColumnLikeCsv()
    {
        using var dir = RepoPaths.NewTempDir();
        string csv = Path.Combine(dir.Path, "c", "behaviors.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(csv)!);
        File.WriteAllText(csv, string.Join(",", DatasetSchema.BehaviorColumns) + "\nu1,5,i,s,b,c,,click,\n,6,i,s,b,c,,click,\nu2,7,i,s,b,c,,click,\n");
        var csvError = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(csv).ToList());

        // The same rows in Parquet, user_id a nullable int64 column whose second row is null.
        var schema = new ParquetSchema(DatasetSchema.BehaviorColumns.Select(c =>
            c == "user_id" ? new DataField<long?>(c) : c == "timestamp" ? (Field)new DataField<long>(c) : new DataField<string>(c)));
        string path = Path.Combine(dir.Path, "behaviors.parquet");
        Write(path, schema, async g =>
        {
            foreach (var f in schema.DataFields)
            {
                if (f.Name == "user_id") await g.WriteAsync<long>(f, new long?[] { 1, null, 2 });
                else if (f.Name == "timestamp") await g.WriteAsync<long>(f, new long[] { 5, 6, 7 });
                else await g.WriteAsync(f, Enumerable.Repeat(f.Name == "behavior_type" ? "click" : "x", 3).ToArray());
            }
        });
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path).ToList());
        Assert.Equal(2, ex.Line); // the second row
        Assert.Equal("user_id", ex.Column);
        Assert.Equal(csvError.Problem, ex.Problem);
        Assert.Contains(path + ", row 2, column 'user_id': is empty but required.", ex.Message);

        // Skipping bad rows skips that row alone and counts it, as for CSV.
        var report = new DatasetReadReport();
        var kept = DatasetReader.ReadBehaviors(path, new DatasetReadOptions { SkipBadRows = true }, report).ToList();
        Assert.Equal(["1", "2"], kept.Select(b => b.UserId));
        Assert.Equal(1, report.SkippedRows[path]);
    }

    [Fact]
    public void RowsAreNumberedAcrossRowGroups()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir.Path, "behaviors.parquet");
        var behaviors = Enumerable.Range(0, 7).Select(i => new Behavior
        {
            UserId = "u" + i, Timestamp = 100 + i, ItemId = "i", BehaviorType = i == 4 ? "" : "click", Tags = ["t" + i],
        }).ToList();
        Assert.Equal(7, ParquetDatasetWriter.WriteBehaviors(behaviors, path, rowGroupRows: 2));
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path).ToList());
        Assert.Equal((5L, "behavior_type"), (ex.Line, ex.Column)); // the first row of the third group
        var report = new DatasetReadReport();
        var kept = DatasetReader.ReadBehaviors(path, new DatasetReadOptions { SkipBadRows = true }, report).ToList();
        Assert.Equal(["u0", "u1", "u2", "u3", "u5", "u6"], kept.Select(b => b.UserId));
        Assert.Equal([["t0"], ["t1"], ["t2"], ["t3"], ["t5"], ["t6"]], kept.Select(b => b.Tags));
        Assert.Equal(6, report.ReadRows[path]);
    }

    [Fact]
    public void BadValuesAreValidatedAsInCsv()
    {
        using var dir = RepoPaths.NewTempDir();
        var schema = new ParquetSchema(DatasetSchema.TaskColumns(DupnTask.Ppp).Select(c =>
            c == "timestamp" || c == "level" ? (Field)new DataField<long>(c) : new DataField<string>(c)));
        string path = Path.Combine(dir.Path, "ppp.train.parquet");
        Write(path, schema, async g =>
        {
            await g.WriteAsync(schema.DataFields[0], new[] { "u", "u", "u" });
            await g.WriteAsync<long>(schema.DataFields[1], new long[] { 5, 1_700_000_000_000, 7 });
            await g.WriteAsync(schema.DataFields[2], new[] { "", "", "" });
            await g.WriteAsync<long>(schema.DataFields[3], new long[] { 3, 3, 8 });
        });
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadTask(path, DupnTask.Ppp).ToList());
        Assert.Equal((2L, "timestamp"), (ex.Line, ex.Column));
        Assert.Contains("is it in milliseconds?", ex.Message);
        var report = new DatasetReadReport();
        DatasetReader.ReadTask(path, DupnTask.Ppp, new DatasetReadOptions { SkipBadRows = true }, report).ToList();
        Assert.Equal(2, report.SkippedRows[path]);
        Assert.Contains(report.Messages, m => m.Contains("row 3, column 'level': level '8' must be an integer from 1 to 7", StringComparison.Ordinal));
    }

    [Fact]
    public void ListElementHoldingTheSeparatorIsAnError()
    {
        using var dir = RepoPaths.NewTempDir();
        var schema = new ParquetSchema(DatasetSchema.BehaviorColumns.Select(c =>
            c == "tags" ? new ListField(c, new DataField<string>("element")) : c == "timestamp" ? (Field)new DataField<long>(c) : new DataField<string>(c)));
        string path = Path.Combine(dir.Path, "behaviors.parquet");
        Write(path, schema, async g =>
        {
            foreach (var f in schema.DataFields)
            {
                if (f.Name == "timestamp") await g.WriteAsync<long>(f, new long[] { 5 });
                else if (f.MaxRepetitionLevel > 0) await g.WriteAsync(f, new[] { "a|b" }, new[] { 0 });
                else await g.WriteAsync(f, new[] { f.Name == "behavior_type" ? "click" : "x" });
            }
        });
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadBehaviors(path).ToList());
        Assert.Equal((1L, "tags"), (ex.Line, ex.Column));
        Assert.Contains("contains '|'", ex.Message);
    }

    [Fact]
    public void NotAParquetFileIsAClearError()
    {
        using var dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir.Path, "behaviors.parquet");
        File.WriteAllText(path, string.Join(",", DatasetSchema.BehaviorColumns) + "\n");
        var ex = Assert.Throws<DatasetFormatException>(() => Dataset.Open(dir.Path).Behaviors().ToList());
        Assert.Contains(path, ex.Message);
        Assert.Contains("not a readable Parquet file", ex.Message);
    }

    [Fact]
    public void UsersParquetTakesUserIdFromAnyPositionAndRefusesDuplicates()
    {
        using var dir = RepoPaths.NewTempDir();
        var schema = new ParquetSchema(new DataField<int>("age_level"), new DataField<long>("user_id"), new DataField<string>("gender"));
        string path = Path.Combine(dir.Path, "users.parquet");
        Write(path, schema, async g =>
        {
            await g.WriteAsync<int>(schema.DataFields[0], new[] { 3, 4, 5 });
            await g.WriteAsync<long>(schema.DataFields[1], new long[] { 1, 2, 1 });
            await g.WriteAsync(schema.DataFields[2], new[] { "f", "m", "f" });
        });
        var ex = Assert.Throws<DatasetFormatException>(() => DatasetReader.ReadUsers(path));
        Assert.Equal((3L, "user_id"), (ex.Line, ex.Column));
        Assert.Contains("already has a profile on row 1", ex.Message);
        var users = DatasetReader.ReadUsers(path, new DatasetReadOptions { SkipBadRows = true }, new DatasetReadReport());
        Assert.Equal(["age_level", "gender"], users.Columns);
        Assert.Equal(["4", "m"], users.Get("2")!);
    }

    private static void Write(string path, ParquetSchema schema, Func<ParquetRowGroupWriter, Task> write)
    {
        using var stream = File.Create(path);
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            await write(group);
        }).GetAwaiter().GetResult();
    }

    private static string WriteOneRow(TempDir dir, string name, ParquetSchema schema, Func<string, string> text)
    {
        string path = Path.Combine(dir.Path, name);
        Write(path, schema, async g =>
        {
            foreach (var f in schema.DataFields)
            {
                if (f.ClrType == typeof(long))
                    await g.WriteAsync<long>(f, new long[] { 5 });
                else
                    await g.WriteAsync(f, new[] { text(f.Name) });
            }
        });
        return path;
    }
}
