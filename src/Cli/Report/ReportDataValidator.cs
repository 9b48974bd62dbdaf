namespace Dupn.MLNet.Cli.Report;

/// <summary>
/// Checks <see cref="ReportData"/> before anything is drawn, so a bad section fails with a message
/// naming the section, the item and what is wrong instead of a half-written report.
/// </summary>
public static class ReportDataValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> describing the first problem found.</summary>
    public static void Validate(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.TrainingCurves is { } curves)
        {
            for (int i = 0; i < curves.Count; i++)
            {
                var c = curves[i] ?? throw Bad($"TrainingCurves[{i}] is null.");
                string where = $"TrainingCurves[{i}] (task '{c.Task}', model '{c.Model}')";
                RequireText(c.Task, $"TrainingCurves[{i}].Task");
                RequireText(c.Model, $"{where}.Model");
                RequireText(c.Metric, $"{where}.Metric");
                RequirePoints(c.Points, where);
            }
        }

        if (data.AttentionMaps is { } maps)
        {
            for (int i = 0; i < maps.Count; i++)
            {
                var m = maps[i] ?? throw Bad($"AttentionMaps[{i}] is null.");
                string where = $"AttentionMaps[{i}] (user '{m.UserId}')";
                RequireText(m.UserId, $"AttentionMaps[{i}].UserId");
                RequireLabels(m.Queries, $"{where}.Queries");
                RequireLabels(m.BehaviorLabels, $"{where}.BehaviorLabels");
                RequireShape(m.Weights, m.Queries.Count, m.BehaviorLabels.Count, $"{where}.Weights", "queries", "behaviours");
                foreach (float w in m.Weights)
                {
                    if (!float.IsFinite(w) || w < 0)
                    {
                        throw Bad($"{where}.Weights holds {w}; attention weights must be finite and >= 0.");
                    }
                }
            }
        }

        if (data.AttentionByProperty is { } byProperty)
        {
            const string where = "AttentionByProperty";
            RequireLabels(byProperty.BehaviorTypes, $"{where}.BehaviorTypes");
            RequireLabels(byProperty.TimeBuckets, $"{where}.TimeBuckets");
            RequireShape(byProperty.MeanWeights, byProperty.BehaviorTypes.Count, byProperty.TimeBuckets.Count,
                $"{where}.MeanWeights", "behaviour types", "time buckets");
            bool any = false;
            foreach (double w in byProperty.MeanWeights)
            {
                if (double.IsInfinity(w) || w < 0)
                {
                    throw Bad($"{where}.MeanWeights holds {w}; mean weights must be >= 0 (NaN for an empty cell).");
                }

                any |= !double.IsNaN(w);
            }

            if (!any)
            {
                throw Bad($"{where}.MeanWeights is all NaN: no cell has data.");
            }
        }

        if (data.PppLevels is { } ppp)
        {
            if (ppp.Precision is null || ppp.Recall is null)
            {
                throw Bad("PppLevels needs both Precision and Recall.");
            }

            if (ppp.Precision.Length == 0 || ppp.Precision.Length != ppp.Recall.Length)
            {
                throw Bad($"PppLevels has {ppp.Precision.Length} precision and {ppp.Recall.Length} recall values; "
                    + "give one of each per level (7 in the paper).");
            }

            RequireFractions(ppp.Precision, "PppLevels.Precision");
            RequireFractions(ppp.Recall, "PppLevels.Recall");
        }

        if (data.Transfer is { } transfer)
        {
            RequireText(transfer.Task, "Transfer.Task");
            RequireText(transfer.Metric, "Transfer.Metric");
            RequireText(transfer.XAxis, "Transfer.XAxis");
            if (transfer.Curves is null)
            {
                throw Bad("Transfer.Curves is null.");
            }

            for (int i = 0; i < transfer.Curves.Count; i++)
            {
                var c = transfer.Curves[i] ?? throw Bad($"Transfer.Curves[{i}] is null.");
                RequireText(c.Protocol, $"Transfer.Curves[{i}].Protocol");
                RequirePoints(c.Points, $"Transfer.Curves[{i}] (protocol '{c.Protocol}')");
            }
        }

        if (data.Results is { } results)
        {
            if (results.Columns is null || results.Rows is null)
            {
                throw Bad("Results needs both Columns and Rows.");
            }

            for (int i = 0; i < results.Columns.Count; i++)
            {
                RequireText(results.Columns[i]?.Task, $"Results.Columns[{i}].Task");
                RequireText(results.Columns[i]!.Metric, $"Results.Columns[{i}].Metric");
            }

            for (int i = 0; i < results.Rows.Count; i++)
            {
                var row = results.Rows[i] ?? throw Bad($"Results.Rows[{i}] is null.");
                RequireText(row.Model, $"Results.Rows[{i}].Model");
                if (row.Values is null || row.Values.Count != results.Columns.Count)
                {
                    throw Bad($"Results.Rows[{i}] (model '{row.Model}') has {row.Values?.Count ?? 0} values "
                        + $"but the table has {results.Columns.Count} columns.");
                }

                for (int c = 0; c < row.Values.Count; c++)
                {
                    if (row.Values[c] is double v && !double.IsFinite(v))
                    {
                        throw Bad($"Results.Rows[{i}] (model '{row.Model}') column '{results.Columns[c].Task}' is {v}; use null for 'not applicable'.");
                    }
                }
            }
        }
    }

    private static ArgumentException Bad(string message) => new($"Report data: {message}");

    private static void RequireText(string? value, string where)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Bad($"{where} is empty.");
        }
    }

    private static void RequireLabels(IReadOnlyList<string>? labels, string where)
    {
        if (labels is null || labels.Count == 0)
        {
            throw Bad($"{where} is empty.");
        }

        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] is null)
            {
                throw Bad($"{where}[{i}] is null.");
            }
        }
    }

    private static void RequireShape<T>(T[,]? matrix, int rows, int columns, string where, string rowName, string columnName)
    {
        if (matrix is null)
        {
            throw Bad($"{where} is null.");
        }

        if (matrix.GetLength(0) != rows || matrix.GetLength(1) != columns)
        {
            throw Bad($"{where} is {matrix.GetLength(0)} x {matrix.GetLength(1)} but there are {rows} {rowName} and {columns} {columnName}.");
        }
    }

    private static void RequirePoints(IReadOnlyList<CurvePoint>? points, string where)
    {
        if (points is null || points.Count == 0)
        {
            throw Bad($"{where} has no points.");
        }

        for (int i = 0; i < points.Count; i++)
        {
            if (!double.IsFinite(points[i].Value))
            {
                throw Bad($"{where} point {i} (step {points[i].Step}) has value {points[i].Value}.");
            }

            if (i > 0 && points[i].Step <= points[i - 1].Step)
            {
                throw Bad($"{where} point {i}: step {points[i].Step} does not follow step {points[i - 1].Step}; steps must increase.");
            }
        }
    }

    private static void RequireFractions(double[] values, string where)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]) && (values[i] < 0 || values[i] > 1))
            {
                throw Bad($"{where} level {i + 1} is {values[i]}; expected a fraction in [0, 1] (NaN when undefined).");
            }
        }
    }
}
