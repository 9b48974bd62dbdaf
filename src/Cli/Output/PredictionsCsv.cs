using System.Globalization;
using System.Text;
using Dupn.MLNet.Featurization;
using Dupn.MLNet.Trainers.Baselines;

namespace Dupn.MLNet.Cli.Output;

/// <summary>
/// One model's predictions for one task's test rows, in the test file's order, so that two models can be
/// compared row by row (a paired test) rather than only by their totals:
/// <c>user_id,timestamp,label,score</c> for a binary task, <c>user_id,timestamp,level,p1,...,p7</c> for PPP.
/// </summary>
public static class PredictionsCsv
{
    public static void Write(string path, BaselinePredictions predictions, IReadOnlyList<FeaturizedRow> test)
    {
        var text = new StringBuilder();
        if (predictions.ClassProbabilities is { } levels)
        {
            Check(levels.Length, test.Count, path);
            int k = levels.Length == 0 ? 7 : levels[0].Length;
            text.Append("user_id,timestamp,level,").AppendJoin(',', Enumerable.Range(1, k).Select(j => $"p{j}")).Append('\n');
            for (int i = 0; i < test.Count; i++)
                text.Append(Key(test[i])).Append(test[i].Level).Append(',')
                    .AppendJoin(',', levels[i].Select(p => p.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }
        else
        {
            var scores = predictions.Scores ?? throw new ArgumentException("The predictions hold neither scores nor class probabilities.");
            Check(scores.Length, test.Count, path);
            text.Append("user_id,timestamp,label,score\n");
            for (int i = 0; i < test.Count; i++)
                text.Append(Key(test[i])).Append(test[i].Label.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        string temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
    }

    private static string Key(FeaturizedRow row) => string.Create(CultureInfo.InvariantCulture, $"{row.UserId},{row.Timestamp},");

    private static void Check(int predicted, int rows, string path)
    {
        if (predicted != rows)
            throw new InvalidOperationException($"{path}: {predicted} predictions for {rows} test rows.");
    }
}
