using Dupn.MLNet.Transforms.Embedding;

namespace Dupn.MLNet.Transforms.Tests.Embedding;

public class DupnAttentionAnalysisTests
{
    [Fact]
    public void EachQueryRowIsTheScorersAttentionAndSumsToOne()
    {
        using var scorer = new DupnUserScorer(EmbeddingFixture.UserGraph);
        var row = EmbeddingFixture.Rows(1, seed: 3)[0];
        int[][] queries = [[2, 3, 0, 0, 0, 0, 0, 0], [4, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]];

        var weights = DupnAttentionAnalysis.UnderQueries(scorer, row, queries);

        Assert.Equal(3, weights.GetLength(0));
        Assert.Equal(row.Length, weights.GetLength(1));
        for (int q = 0; q < 3; q++)
            Assert.Equal(1.0, Enumerable.Range(0, row.Length).Sum(t => (double)weights[q, t]), 4);
        // Different queries move the attention (the query is an input of the attention MLP).
        Assert.Contains(Enumerable.Range(0, row.Length), t => Math.Abs(weights[0, t] - weights[1, t]) > 1e-5);
    }

    [Fact]
    public void RelativeAttentionAveragesToOneOverAllSteps()
    {
        using var scorer = new DupnUserScorer(EmbeddingFixture.UserGraph);
        var rows = EmbeddingFixture.Rows(40, seed: 4);
        var a = EmbeddingFixture.Architecture;

        var mean = DupnAttentionAnalysis.RelativeAttentionByTypeAndTime(scorer, rows, a.TypeVocabulary + 2, a.TimeBuckets, batchSize: 7);

        // Weighted by how many behaviours fall in each cell, relative attention averages to exactly 1
        // over each row, hence over all rows.
        double total = 0, steps = 0;
        for (int type = 0; type < mean.GetLength(0); type++)
            for (int time = 0; time < mean.GetLength(1); time++)
            {
                long count = rows.Sum(r => Enumerable.Range(0, r.Length).Count(t => r.HistoryType[t] == type && r.HistoryTime[t] == time));
                Assert.Equal(count == 0, double.IsNaN(mean[type, time]));
                if (count > 0)
                {
                    total += mean[type, time] * count;
                    steps += count;
                }
            }
        Assert.Equal(1.0, total / steps, 4);
        Assert.True(double.IsNaN(mean[0, 0]), "padding never counts");
    }
}
