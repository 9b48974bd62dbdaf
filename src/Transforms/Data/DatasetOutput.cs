namespace Dupn.MLNet.Transforms.Data;

/// <summary>
/// The last step of the writers of whole dataset folders (converters, generator): they write CSV, and
/// this turns the folder into the asked format. The files just written replace any copy of them in the
/// other format (a folder with both copies of a file cannot be opened).
/// </summary>
internal static class DatasetOutput
{
    /// <summary>
    /// <paramref name="csvFiles"/> were just written into <paramref name="folder"/>: removes their stale
    /// Parquet copies, then, for <see cref="DatasetFileFormat.Parquet"/>, replaces the folder's CSV files
    /// by Parquet files (validated while copied).
    /// </summary>
    public static void Finish(string folder, IEnumerable<string> csvFiles, DatasetFileFormat format)
    {
        if (!Enum.IsDefined(format))
            throw new ArgumentOutOfRangeException(nameof(format), format, "The output format is csv or parquet.");
        foreach (string name in csvFiles)
        {
            string stale = Path.Combine(folder, DatasetSchema.InFormat(name, DatasetFileFormat.Parquet));
            if (File.Exists(Path.Combine(folder, name)) && File.Exists(stale))
                File.Delete(stale);
        }
        if (format == DatasetFileFormat.Parquet)
            ParquetDatasetWriter.ConvertInPlace(folder);
    }

    /// <summary>Row counts keyed by CSV file name, re-keyed by the file names of <paramref name="format"/>.</summary>
    public static Dictionary<string, long> Named(IReadOnlyDictionary<string, long> csvRows, DatasetFileFormat format) =>
        csvRows.ToDictionary(p => DatasetSchema.InFormat(p.Key, format), p => p.Value, StringComparer.Ordinal);
}
