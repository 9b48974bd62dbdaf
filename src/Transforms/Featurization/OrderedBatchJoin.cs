using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Dupn.MLNet.Transforms.Data;

namespace Dupn.MLNet.Transforms.Featurization;

/// <summary>
/// The streaming point-in-time join behind <see cref="BehaviorFeaturizer.TransformStream"/>: one thread
/// parses the task file into batches (parsing is sequential: errors and skip counts follow file order),
/// each batch is joined against the log on the thread pool, and the batches are yielded in the order
/// they were read, so the output is the file order whatever the number of cores. Memory: the log index
/// plus at most <c>maxInFlight + 2</c> batches.
/// </summary>
internal static class OrderedBatchJoin
{
    /// <summary>Lazy, as an iterator: the log is indexed and the file opened at the first row asked for.</summary>
    public static IEnumerable<FeaturizedRow> Run(BehaviorFeaturizer featurizer, Dataset dataset, DupnTask task, DatasetSplit split,
        int batchSize, int maxInFlight, SharedHistoryWindows? sharedHistories)
    {
        var log = featurizer.IndexLog(dataset);
        var rows = dataset.TaskRows(task, split);
        using var queue = new BlockingCollection<Task<JoinedBatch>>(boundedCapacity: maxInFlight);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var batch = new TaskRow[batchSize];
            int count = 0;
            try
            {
                foreach (var row in rows)
                {
                    batch[count++] = row;
                    if (count == batchSize)
                    {
                        Dispatch(batch, count);
                        batch = new TaskRow[batchSize];
                        count = 0;
                    }
                }
            }
            finally
            {
                // Also on a bad row: the rows read before it are still delivered, as when reading in line.
                try
                {
                    if (count > 0 && !stop.IsCancellationRequested)
                        Dispatch(batch, count);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            }
        });

        void Dispatch(TaskRow[] batch, int count)
        {
            var job = Task.Run(() => Join(featurizer, log, batch, count, sharedHistories));
            queue.Add(job, stop.Token);
        }

        try
        {
            foreach (var job in queue.GetConsumingEnumerable())
            {
                var joined = job.GetAwaiter().GetResult();
                for (int i = 0; i < joined.Count; i++)
                    yield return joined.Rows[i];
                joined.Error?.Throw(); // a row the join rejects surfaces after the rows before it
            }
            reader.GetAwaiter().GetResult(); // a bad row surfaces here, after the rows before it
        }
        finally
        {
            // The consumer may stop early: cancel the reader and wait for it before the queue goes.
            // Batches already dispatched finish on their own; nothing reads their rows.
            stop.Cancel();
            try { reader.Wait(); } catch (AggregateException) { }
        }
    }

    // Never throws: a rejected row ends the batch, keeping the rows before it and the error to rethrow in order.
    private static JoinedBatch Join(BehaviorFeaturizer featurizer, EncodedBehaviorLog log, TaskRow[] batch, int count, SharedHistoryWindows? sharedHistories)
    {
        var result = new FeaturizedRow[count];
        for (int i = 0; i < count; i++)
        {
            try
            {
                result[i] = featurizer.Transform(log, batch[i], sharedHistories);
            }
            catch (Exception error)
            {
                return new JoinedBatch(result, i, ExceptionDispatchInfo.Capture(error));
            }
        }
        return new JoinedBatch(result, count, null);
    }

    private sealed record JoinedBatch(FeaturizedRow[] Rows, int Count, ExceptionDispatchInfo? Error);
}
