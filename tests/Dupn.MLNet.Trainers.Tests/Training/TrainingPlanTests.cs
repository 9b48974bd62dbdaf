using Dupn.MLNet.Trainers.Training;

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

    [Theory]
    [InlineData(TaskSampling.Proportional)]
    [InlineData(TaskSampling.RoundRobin)]
    public void ARepeatedTaskPassesOverItsRowsThatManyTimesAndLeavesTheOthersAlone(TaskSampling sampling)
    {
        int[] sizes = [300, 70, 45];
        var once = TrainingPlan.ForEpoch(sizes, 32, seed: 4, epoch: 1, sampling);
        var plan = TrainingPlan.ForEpoch(sizes, 32, seed: 4, epoch: 1, sampling, repeats: [1, 3, 1]);

        var rowsOfTask1 = plan.Where(b => b.Task == 1).SelectMany(b => b.Rows).ToList();
        Assert.Equal(3 * 70, rowsOfTask1.Count);
        Assert.All(rowsOfTask1.GroupBy(r => r), g => Assert.Equal(3, g.Count())); // every row exactly 3 times
        var passes = plan.Where(b => b.Task == 1).Select(b => b.Rows).ToList();
        Assert.NotEqual(passes.Take(3).SelectMany(r => r), passes.Skip(3).Take(3).SelectMany(r => r)); // each pass its own shuffle
        foreach (int task in new[] { 0, 2 })
            Assert.Equal(once.Where(b => b.Task == task).SelectMany(b => b.Rows), plan.Where(b => b.Task == task).SelectMany(b => b.Rows));
        Assert.Equal(once.Where(b => b.Task == 1).SelectMany(b => b.Rows), passes.Take(3).SelectMany(r => r)); // pass 0 is the plain epoch's
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
