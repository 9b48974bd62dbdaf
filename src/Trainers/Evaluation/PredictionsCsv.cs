using System.Globalization;
using System.Text;
using Dupn.MLNet.Transforms.Featurization;
using Dupn.MLNet.Trainers.Baselines;

namespace Dupn.MLNet.Trainers.Evaluation;

/// <summary>
/// One model's predictions for one task's test rows, in the test file's order, so that two models can be
/// compared row by row (a paired test, `dupn compare`) rather than only by their totals:
/// <c>user_id,timestamp,label,score</c> for a binary task (score: the probability of label 1),
/// <c>user_id,timestamp,level,p1,...,p7</c> for PPP. Written by `dupn baselines --predictions`,
/// `dupn evaluate --predictions` and `dupn transfer --predictions`.
/// </summary>
public static class PredictionsCsv
{
    /// <summary>A baseline's predictions (<see cref="IDupnBaseline.FitPredict"/>) for <paramref name="test"/>.</summary>
    public static void Write(string path, BaselinePredictions predictions, IReadOnlyList<FeaturizedRow> test)
    {
        if (predictions.ClassProbabilities is { } levels)
        {
            Check(levels.Length, test.Count, path);
            WriteLevels(path, test, levels.Length == 0 ? 7 : levels[0].Length, i => levels[i].Select(Format));
        }
        else
        {
            var scores = predictions.Scores ?? throw new ArgumentException("The predictions hold neither scores nor class probabilities.");
            Check(scores.Length, test.Count, path);
            WriteScores(path, test, i => Format(scores[i]));
        }
    }

    /// <summary>A transfer protocol's scores of its test rows (<see cref="Transfer.TransferResult.Scores"/>).</summary>
    public static void Write(string path, Transfer.TransferResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Scores is not { } scores || result.TestRows is not { } test)
            throw new ArgumentException($"The {result.Protocol} result keeps no row-by-row scores.", nameof(result));
        Check(scores.Length, test.Count, path);
        WriteScores(path, test, i => Format(scores[i]));
    }

    /// <summary>A DUPN head's predictions (<see cref="DupnEvaluator.Predict"/>) for <paramref name="test"/>.</summary>
    public static void Write(string path, DupnPredictions predictions, IReadOnlyList<FeaturizedRow> test)
    {
        Check(predictions.Count, test.Count, path);
        if (predictions.ClassProbabilities is { } levels)
            WriteLevels(path, test, predictions.ClassCount, i => levels[i].Select(Format));
        else
            WriteScores(path, test, i => Format(predictions.Probability(i)));
    }

    private static void WriteScores(string path, IReadOnlyList<FeaturizedRow> test, Func<int, string> score)
    {
        var text = new StringBuilder("user_id,timestamp,label,score\n");
        for (int i = 0; i < test.Count; i++)
            text.Append(Key(test[i])).Append(test[i].Label.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(score(i)).Append('\n');
        WriteAtomically(path, text);
    }

    private static void WriteLevels(string path, IReadOnlyList<FeaturizedRow> test, int levels, Func<int, IEnumerable<string>> probabilities)
    {
        var text = new StringBuilder("user_id,timestamp,level,");
        text.AppendJoin(',', Enumerable.Range(1, levels).Select(j => $"p{j}")).Append('\n');
        for (int i = 0; i < test.Count; i++)
            text.Append(Key(test[i])).Append(test[i].Level).Append(',')
                .AppendJoin(',', probabilities(i)).Append('\n');
        WriteAtomically(path, text);
    }

    /// <summary>
    /// Reads a file written by <see cref="Write(string, DupnPredictions, IReadOnlyList{FeaturizedRow})"/> or
    /// its baseline overload. Throws <see cref="InvalidDataException"/> naming the file and line of anything
    /// malformed.
    /// </summary>
    public static PredictionsFile Read(string path)
    {
        using var reader = File.OpenText(path);
        string header = reader.ReadLine() ?? throw new InvalidDataException($"{path}: the file is empty; expected a header.");
        var columns = header.Split(',');
        bool levels = columns.Length >= 5 && columns[..3].SequenceEqual(["user_id", "timestamp", "level"])
            && columns[3..].Select((c, j) => c == $"p{j + 1}").All(x => x);
        bool binary = columns.SequenceEqual(["user_id", "timestamp", "label", "score"]);
        if (!levels && !binary)
            throw new InvalidDataException($"{path}: the header '{header}' is neither 'user_id,timestamp,label,score' nor 'user_id,timestamp,level,p1,...'.");

        var keys = new List<string>();
        var labels = new List<int>();
        var scores = new List<double>();
        var probabilities = new List<double[]>();
        int line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            var fields = text.Split(',');
            if (fields.Length != columns.Length)
                throw new InvalidDataException($"{path}, line {line}: {fields.Length} fields; the header has {columns.Length}.");
            keys.Add(fields[0] + "," + fields[1]);
            if (!double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double label) || label != Math.Floor(label))
                throw new InvalidDataException($"{path}, line {line}: the {columns[2]} '{fields[2]}' is not a whole number.");
            labels.Add((int)label);
            var values = new double[fields.Length - 3];
            for (int j = 3; j < fields.Length; j++)
            {
                if (!double.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out values[j - 3]) || double.IsNaN(values[j - 3]))
                    throw new InvalidDataException($"{path}, line {line}: the {columns[j]} '{fields[j]}' is not a number.");
            }
            if (binary)
                scores.Add(values[0]);
            else
            {
                if (label < 1 || label > values.Length)
                    throw new InvalidDataException($"{path}, line {line}: the level {fields[2]} is not one of 1..{values.Length}.");
                probabilities.Add(values);
            }
        }
        return new PredictionsFile(path, keys, labels, binary ? scores : null, binary ? null : probabilities);
    }

    private static void WriteAtomically(string path, StringBuilder text)
    {
        string temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
    }

    // Round-trip formatting: a float keeps a float's digits, a double a double's.
    private static string Format(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Key(FeaturizedRow row) => string.Create(CultureInfo.InvariantCulture, $"{row.UserId},{row.Timestamp},");

    private static void Check(int predicted, int rows, string path)
    {
        if (predicted != rows)
            throw new InvalidOperationException($"{path}: {predicted} predictions for {rows} test rows.");
    }
}

/// <summary>A predictions file (<see cref="PredictionsCsv.Read"/>): per row its key (user_id,timestamp), its label (0/1, or the 1-based level) and the model's score or level probabilities.</summary>
public sealed record PredictionsFile(string Path, IReadOnlyList<string> Keys, IReadOnlyList<int> Labels,
    IReadOnlyList<double>? Scores, IReadOnlyList<double[]>? LevelProbabilities)
{
    /// <summary>Rows in the file.</summary>
    public int Count => Keys.Count;

    /// <summary>Whether the rows hold a binary task's scores (else PPP's level probabilities).</summary>
    public bool IsBinary => Scores is not null;

    /// <summary>Whether row <paramref name="row"/>'s most probable level is its label (the first of equal maxima, as accuracy counts it).</summary>
    public bool LevelCorrect(int row)
    {
        var p = LevelProbabilities![row];
        int best = 0;
        for (int j = 1; j < p.Length; j++)
            if (p[j] > p[best])
                best = j;
        return best + 1 == Labels[row];
    }
}
