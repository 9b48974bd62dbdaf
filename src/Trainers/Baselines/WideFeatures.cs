using Dupn.MLNet.Transforms.Featurization;

namespace Dupn.MLNet.Trainers.Baselines;

/// <summary>
/// The sparse features of the Wide model, as tokens to be hashed: the user profile, the query, the
/// candidate's fields, the history as bags per behaviour type, and the cross features the paper's
/// Wide model relies on (query x category, profile x category and tags, candidate x history).
/// </summary>
internal static class WideFeatures
{
    /// <summary>How many of the most recent behaviours feed the history bags.</summary>
    public const int RecentBehaviors = 30;

    public static string[] Tokens(DupnTask task, FeaturizedRow row)
    {
        var tokens = new List<string>(128);
        for (int j = 0; j < row.Profile.Length; j++)
            tokens.Add($"p{j}={row.Profile[j]}");
        foreach (int q in row.Query)
        {
            if (q != 0)
                tokens.Add($"q={q}");
        }

        int start = Math.Max(0, row.Length - RecentBehaviors);
        int tagsPer = row.Length == 0 ? 0 : row.HistoryTags.Length / row.Length;
        for (int t = start; t < row.Length; t++)
        {
            int type = row.HistoryType[t];
            tokens.Add($"h{type}:cat={row.HistoryCategory[t]}");
            tokens.Add($"h{type}:shop={row.HistoryShop[t]}");
            for (int k = 0; k < tagsPer; k++)
            {
                int tag = row.HistoryTags[t * tagsPer + k];
                if (tag != 0)
                    tokens.Add($"h{type}:tag={tag}");
            }
        }

        switch (task)
        {
            case DupnTask.Ctr or DupnTask.L2r:
                AddCandidateItem(tokens, row, start);
                break;
            case DupnTask.Follow:
                tokens.Add($"talent={row.Talent}");
                foreach (int tag in row.TalentTags)
                {
                    if (tag == 0)
                        continue;
                    tokens.Add($"ttag={tag}");
                    for (int j = 0; j < row.Profile.Length; j++)
                        tokens.Add($"p{j}={row.Profile[j]}&ttag={tag}");
                }
                break;
            case DupnTask.ShopPref:
                tokens.Add($"tshop={row.TargetShop}");
                for (int t = start; t < row.Length; t++)
                {
                    if (row.HistoryShop[t] == row.TargetShop)
                        tokens.Add($"tshop_in_h{row.HistoryType[t]}");
                }
                break;
        }
        return tokens.ToArray();
    }

    private static void AddCandidateItem(List<string> tokens, FeaturizedRow row, int start)
    {
        tokens.Add($"item={row.Item}");
        tokens.Add($"shop={row.Shop}");
        tokens.Add($"brand={row.Brand}");
        tokens.Add($"cat={row.Category}");
        foreach (int tag in row.ItemTags)
        {
            if (tag == 0)
                continue;
            tokens.Add($"tag={tag}");
            for (int j = 0; j < row.Profile.Length; j++)
                tokens.Add($"p{j}={row.Profile[j]}&tag={tag}");
        }
        foreach (int q in row.Query)
        {
            if (q != 0)
                tokens.Add($"q={q}&cat={row.Category}");
        }
        for (int j = 0; j < row.Profile.Length; j++)
            tokens.Add($"p{j}={row.Profile[j]}&cat={row.Category}");

        // Candidate x history: one token per recent behaviour that shares a field with the candidate,
        // so the bag counts matches by behaviour type.
        for (int t = start; t < row.Length; t++)
        {
            int type = row.HistoryType[t];
            if (row.HistoryCategory[t] == row.Category)
                tokens.Add($"cat_in_h{type}");
            if (row.HistoryShop[t] == row.Shop)
                tokens.Add($"shop_in_h{type}");
            if (row.HistoryBrand[t] == row.Brand)
                tokens.Add($"brand_in_h{type}");
            if (row.HistoryItem[t] == row.Item)
                tokens.Add($"item_in_h{type}");
        }
    }
}
