using Dupn.MLNet.Trainers.Dupn.Training;

namespace Dupn.MLNet.Trainers.Tests.Training;

public class TrainingPlanTests
{
    [Theory]
    [InlineData(TaskSampling.Proportional)]
    [InlineData(TaskSampling.RoundRobin)]
    public void EveryRowIsUsedOncePerEpochAndThePlanRepeats(TaskSampling sampling)
    {
        int[] sizes = [250, 40, 101];
        var plan = TrainingPlan.ForEpoch(sizes, 32, seed: 5, epoch: 2, sampling);
        for (int k = 0; k < sizes.Length; k++)
        {
            var rows = plan.Where(p => p.Task == k).SelectMany(p => p.Rows).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, sizes[k]), rows);
        }
        Assert.DoesNotContain(plan, p => p.Rows.Length == 1); // a one-row tail is folded into the batch before it
        var again = TrainingPlan.ForEpoch(sizes, 32, seed: 5, epoch: 2, sampling);
        Assert.Equal(plan.Select(p => (p.Task, string.Join(",", p.Rows))), again.Select(p => (p.Task, string.Join(",", p.Rows))));
        var nextEpoch = TrainingPlan.ForEpoch(sizes, 32, seed: 5, epoch: 3, sampling);
        Assert.NotEqual(string.Join(",", plan[0].Rows), string.Join(",", nextEpoch.First(p => p.Task == plan[0].Task).Rows));
    }

    [Fact]
    public void RoundRobinTakesTasksInTurn()
    {
        var plan = TrainingPlan.ForEpoch([64, 64, 32], 32, seed: 1, epoch: 0, TaskSampling.RoundRobin);
        Assert.Equal([0, 1, 2, 0, 1], plan.Select(p => p.Task));
    }

    [Fact]
    public void ProportionalSamplingFollowsTaskSizeEarlyInTheEpoch()
    {
        // Over the first half of many epochs, the big task (3/4 of the batches) gets about 3/4 of the steps.
        int big = 0, all = 0;
        for (int epoch = 0; epoch < 50; epoch++)
        {
            var plan = TrainingPlan.ForEpoch([3000, 1000], 100, seed: 9, epoch, TaskSampling.Proportional);
            foreach (var step in plan.Take(plan.Count / 2))
            {
                all++;
                if (step.Task == 0) big++;
            }
        }
        Assert.InRange(big / (double)all, 0.70, 0.80);
    }
}
