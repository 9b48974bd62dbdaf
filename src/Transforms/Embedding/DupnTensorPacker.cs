using Dupn.MLNet.Transforms.Featurization;
using Microsoft.ML.OnnxRuntime;
using static Dupn.MLNet.DupnGraphNames;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// Packs featurised rows and candidates into the graphs' input tensors: histories left-aligned and
/// 0-padded to the batch's longest row (T), with the mask; query padded to Q; ids widened to int64.
/// Every row is checked, and a bad one is named.
/// </summary>
internal static class DupnTensorPacker
{
    /// <summary>The user inputs the graph declares, for <paramref name="rows"/> (each repeated <paramref name="repeat"/> times).</summary>
    public static Dictionary<string, OrtValue> PackUsers(DupnOnnxModelInfo info, IReadOnlyList<FeaturizedRow> rows, int repeat = 1)
    {
        int k = info.LastDim(HistTags), q = info.LastDim(Query);
        int p = info.HasInput(Profile) ? info.LastDim(Profile) : 0;
        for (int r = 0; r < rows.Count; r++)
        {
            Check(rows[r], r, info.MaxHistory, k, q, p);
            CheckIndices(info, rows[r], r);
        }
        var h = PaddedHistories.Pack(rows, k, q, p, repeat: repeat);
        int b = h.Batch, t = h.Steps;
        var inputs = new Dictionary<string, OrtValue>();
        void Add(string name, Array data, params long[] shape)
        {
            if (info.HasInput(name))
                inputs[name] = data is long[] l ? OrtValue.CreateTensorValueFromMemory(l, shape) : OrtValue.CreateTensorValueFromMemory((float[])data, shape);
        }
        Add(HistItem, h.Item, b, t);
        Add(HistShop, h.Shop, b, t);
        Add(HistBrand, h.Brand, b, t);
        Add(HistCategory, h.Category, b, t);
        Add(HistTags, h.Tags, b, t, k);
        Add(HistType, h.Type, b, t);
        Add(HistScene, h.Scene, b, t);
        Add(HistTime, h.Time, b, t);
        Add(HistMask, h.Mask, b, t);
        Add(Query, h.Query, b, q);
        Add(Profile, h.Profile, b, p);
        return inputs;
    }

    /// <summary>The candidate inputs the graph declares.</summary>
    public static Dictionary<string, OrtValue> PackCandidates(DupnOnnxModelInfo info, IReadOnlyList<DupnCandidate> candidates)
    {
        int n = candidates.Count;
        var inputs = new Dictionary<string, OrtValue>();
        void Ids(string name, Func<DupnCandidate, int> field)
        {
            if (!info.HasInput(name))
                return;
            for (int i = 0; i < n; i++)
                InRange(info, name, field(candidates[i]), $"Candidate {i}");
            inputs[name] = OrtValue.CreateTensorValueFromMemory(candidates.Select(c => (long)field(c)).ToArray(), [n]);
        }
        void Tags(string name, Func<DupnCandidate, int[]> field)
        {
            if (!info.HasInput(name))
                return;
            int k = info.LastDim(name);
            var data = new long[n * k];
            for (int i = 0; i < n; i++)
            {
                int[] tags = field(candidates[i]);
                if (tags.Length > k)
                    throw new ArgumentException($"Candidate {i}: {name} has {tags.Length} tags; the model takes at most {k}.");
                for (int j = 0; j < tags.Length; j++)
                {
                    InRange(info, name, tags[j], $"Candidate {i}");
                    data[i * k + j] = tags[j];
                }
            }
            inputs[name] = OrtValue.CreateTensorValueFromMemory(data, [n, k]);
        }
        try
        {
            Ids(Item, c => c.Item);
            Ids(Shop, c => c.Shop);
            Ids(Brand, c => c.Brand);
            Ids(Category, c => c.Category);
            Tags(ItemTags, c => c.ItemTags);
            Ids(Talent, c => c.Talent);
            Tags(TalentTags, c => c.TalentTags);
            Ids(TargetShop, c => c.TargetShop);
            if (info.HasInput(RankingFeatures))
            {
                int m = info.LastDim(RankingFeatures);
                var data = new float[n * m];
                for (int i = 0; i < n; i++)
                {
                    if (candidates[i].RankingFeatures.Length != m)
                        throw new ArgumentException($"Candidate {i}: ranking_features has {candidates[i].RankingFeatures.Length} values; the model's L2R head takes {m}.");
                    candidates[i].RankingFeatures.CopyTo(data, i * m);
                }
                inputs[RankingFeatures] = OrtValue.CreateTensorValueFromMemory(data, [n, m]);
            }
        }
        catch
        {
            DisposeAll(inputs); // a bad candidate must not leak the tensors made before it
            throw;
        }
        return inputs;
    }

    internal static void Check(FeaturizedRow row, int index, int maxHistory, int k, int q, int p)
    {
        int l = row.Length;
        string who = $"Row {index} (user '{row.UserId}')";
        if (l > maxHistory)
            throw new ArgumentException($"{who}: its history has {l} behaviours; the model was built for at most N = {maxHistory}.");
        void Same(int length, string field)
        {
            if (length != l)
                throw new ArgumentException($"{who}: {field} has {length} entries but HistoryItem has {l}.");
        }
        Same(row.HistoryShop.Length, nameof(row.HistoryShop));
        Same(row.HistoryBrand.Length, nameof(row.HistoryBrand));
        Same(row.HistoryCategory.Length, nameof(row.HistoryCategory));
        Same(row.HistoryType.Length, nameof(row.HistoryType));
        Same(row.HistoryScene.Length, nameof(row.HistoryScene));
        Same(row.HistoryTime.Length, nameof(row.HistoryTime));
        if (row.HistoryTags.Length != l * k)
            throw new ArgumentException($"{who}: HistoryTags has {row.HistoryTags.Length} entries; the model takes K = {k} per behaviour, {l * k} in all.");
        if (row.Query.Length > q)
            throw new ArgumentException($"{who}: Query has {row.Query.Length} tokens; the model takes at most Q = {q}.");
        if (row.Profile.Length != p)
            throw new ArgumentException($"{who}: Profile has {row.Profile.Length} indices; the model has {p} profile columns.");
    }

    /// <summary>Every index of a row's user side lies in its embedding table.</summary>
    private static void CheckIndices(DupnOnnxModelInfo info, FeaturizedRow row, int index)
    {
        string who = $"Row {index} (user '{row.UserId}')";
        void All(string input, int[] values)
        {
            if (!info.HasInput(input))
                return;
            foreach (int value in values)
                InRange(info, input, value, who);
        }
        All(HistItem, row.HistoryItem);
        All(HistShop, row.HistoryShop);
        All(HistBrand, row.HistoryBrand);
        All(HistCategory, row.HistoryCategory);
        All(HistTags, row.HistoryTags);
        All(HistType, row.HistoryType);
        All(HistScene, row.HistoryScene);
        All(HistTime, row.HistoryTime);
        All(Query, row.Query);
        if (info.HasInput(Profile))
            for (int j = 0; j < row.Profile.Length; j++)
                InRange(info, $"{Profile}[{j}]", row.Profile[j], who);
    }

    private static void InRange(DupnOnnxModelInfo info, string input, int value, string who)
    {
        long rows = info.TableRows[input];
        if (value < 0 || value >= rows)
            throw new ArgumentException($"{who}: {input} index {value} is outside its embedding table (0..{rows - 1}: 0 padding, 1 out of vocabulary).");
    }

    public static void DisposeAll(Dictionary<string, OrtValue> values)
    {
        foreach (var value in values.Values)
            value.Dispose();
    }
}
