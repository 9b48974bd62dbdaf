namespace Dupn.MLNet.Trainers.Training;

/// <summary>
/// The mini-batches of one epoch in order, a pure function of (seed, epoch, task sizes, repeats):
/// each task's rows shuffled with its own seeded generator and cut into batches (a task repeated r
/// times is shuffled and cut r times, each pass its own permutation), then interleaved by the task
/// sampling rule. Being recomputable is what lets a resumed run skip exactly the steps it had done.
/// </summary>
internal static class TrainingPlan
{
    public static List<(int Task, int[] Rows)> ForEpoch(IReadOnlyList<int> taskSizes, int batchSize, long seed, int epoch, TaskSampling sampling,
        IReadOnlyList<int>? repeats = null)
    {
        var perTask = new List<Queue<int[]>>();
        for (int k = 0; k < taskSizes.Count; k++)
        {
            var batches = new List<int[]>();
            int passes = repeats?[k] ?? 1;
            for (int pass = 0; pass < passes; pass++)
            {
                // Pass 0 keeps the stream of a task that is not repeated, so repeats leave other tasks' batches alone.
                var random = new Random(pass == 0 ? Mix(seed, epoch, k + 1) : Mix(seed, epoch, -(k + 1) * 1_000 - pass));
                var order = Enumerable.Range(0, taskSizes[k]).ToArray();
                random.Shuffle(order);
                var passBatches = order.Chunk(batchSize).ToList();
                // A one-row batch cannot be batch-normalised in training; fold it into the previous batch.
                if (passBatches.Count > 1 && passBatches[^1].Length == 1)
                {
                    passBatches[^2] = [.. passBatches[^2], .. passBatches[^1]];
                    passBatches.RemoveAt(passBatches.Count - 1);
                }
                batches.AddRange(passBatches);
            }
            perTask.Add(new Queue<int[]>(batches));
        }

        var plan = new List<(int, int[])>();
        var picker = new Random(Mix(seed, epoch, 0));
        int turn = 0;
        while (perTask.Any(q => q.Count > 0))
        {
            int task;
            if (sampling == TaskSampling.RoundRobin)
            {
                while (perTask[turn % perTask.Count].Count == 0)
                    turn++;
                task = turn++ % perTask.Count;
            }
            else
            {
                int remaining = perTask.Sum(q => q.Count);
                int draw = picker.Next(remaining);
                task = 0;
                while (draw >= perTask[task].Count)
                {
                    draw -= perTask[task].Count;
                    task++;
                }
            }
            plan.Add((task, perTask[task].Dequeue()));
        }
        return plan;
    }

    private static int Mix(long seed, int epoch, int stream) =>
        unchecked((int)(seed * 1_000_003L + epoch * 7_919L + stream * 104_729L));
}
