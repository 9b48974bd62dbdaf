using Dupn.MLNet.Transforms.Data;
using Dupn.MLNet;

/// <summary>
/// Cuts one generated dataset into day folders: a folder's task rows are those of the chosen training
/// days (<c>*.train.csv</c>) and of the next day (<c>*.test.csv</c>). Every folder keeps the whole
/// behaviour log: a task row's history only ever reads behaviours before its own timestamp, so the
/// future behaviours in the file never leak into training.
/// </summary>
internal static class DaySlices
{
    private const long SecondsPerDay = 86_400;

    /// <summary>Writes <paramref name="folder"/> with training rows from days [<paramref name="firstDay"/>, <paramref name="testDay"/>) and test rows from <paramref name="testDay"/>.</summary>
    public static string Write(string source, string folder, long start, int firstDay, int testDay)
    {
        Directory.CreateDirectory(folder);
        foreach (string file in new[] { DatasetSchema.BehaviorsFile, "users.csv" })
        {
            if (File.Exists(Path.Combine(source, file)))
                File.Copy(Path.Combine(source, file), Path.Combine(folder, file), overwrite: true);
        }
        foreach (var task in new[] { DupnTask.Ctr, DupnTask.L2r, DupnTask.Ppp, DupnTask.Follow })
        {
            string trainFile = DatasetSchema.FileName(task, DatasetSplit.Train), testFile = DatasetSchema.FileName(task, DatasetSplit.Test);
            if (!File.Exists(Path.Combine(source, trainFile)))
                continue;
            // The generator splits train/test by time; pooled, the two files cover every day.
            var lines = File.ReadLines(Path.Combine(source, trainFile));
            string header = lines.First();
            var records = lines.Skip(1).Concat(File.ReadLines(Path.Combine(source, testFile)).Skip(1)).ToArray();
            int DayOf(string line) => (int)((long.Parse(line.Split(',', 3)[1], System.Globalization.CultureInfo.InvariantCulture) - start) / SecondsPerDay);
            File.WriteAllLines(Path.Combine(folder, trainFile), [header, .. records.Where(r => DayOf(r) >= firstDay && DayOf(r) < testDay)]);
            File.WriteAllLines(Path.Combine(folder, testFile), [header, .. records.Where(r => DayOf(r) == testDay)]);
        }
        return folder;
    }
}
