using Microsoft.ML.OnnxRuntime;

namespace Dupn.MLNet.Export.Tests.Reference;

/// <summary>Runs an exported graph on ONNX Runtime with the inputs of a <see cref="DupnBatch"/> that the graph declares.</summary>
internal static class OrtRunner
{
    public static Dictionary<string, float[]> Run(InferenceSession session, DupnBatch x, float[]? userEmbedding = null, int userRows = 0)
    {
        var all = new Dictionary<string, (Array Data, long[] Shape)>
        {
            ["hist_item"] = (x.HistItem, [x.B, x.T]),
            ["hist_shop"] = (x.HistShop, [x.B, x.T]),
            ["hist_brand"] = (x.HistBrand, [x.B, x.T]),
            ["hist_category"] = (x.HistCategory, [x.B, x.T]),
            ["hist_tags"] = (x.HistTags, [x.B, x.T, x.K]),
            ["hist_type"] = (x.HistType, [x.B, x.T]),
            ["hist_scene"] = (x.HistScene, [x.B, x.T]),
            ["hist_time"] = (x.HistTime, [x.B, x.T]),
            ["hist_mask"] = (x.HistMask, [x.B, x.T]),
            ["query"] = (x.Query, [x.B, x.Q]),
            ["profile"] = (x.Profile, [x.B, x.P]),
            ["item"] = (x.Item, [x.B]),
            ["shop"] = (x.Shop, [x.B]),
            ["brand"] = (x.Brand, [x.B]),
            ["category"] = (x.Category, [x.B]),
            ["item_tags"] = (x.ItemTags, [x.B, x.K]),
            ["ranking_features"] = (x.RankingFeatures, [x.B, x.M]),
            ["talent"] = (x.Talent, [x.B]),
            ["talent_tags"] = (x.TalentTags, [x.B, x.K]),
            ["target_shop"] = (x.TargetShop, [x.B]),
        };
        if (userEmbedding is not null)
            all["user_embedding"] = (userEmbedding, [userRows, userEmbedding.Length / userRows]);

        var inputs = new Dictionary<string, OrtValue>();
        try
        {
            foreach (string name in session.InputMetadata.Keys)
            {
                var (data, shape) = all[name];
                inputs[name] = data switch
                {
                    long[] l => OrtValue.CreateTensorValueFromMemory(l, shape),
                    float[] f => OrtValue.CreateTensorValueFromMemory(f, shape),
                    _ => throw new InvalidOperationException(name),
                };
            }
            var names = session.OutputMetadata.Keys.ToArray();
            using var results = session.Run(new RunOptions(), inputs, names);
            var outputs = new Dictionary<string, float[]>();
            for (int i = 0; i < names.Length; i++)
                outputs[names[i]] = results[i].GetTensorDataAsSpan<float>().ToArray();
            return outputs;
        }
        finally
        {
            foreach (var value in inputs.Values)
                value.Dispose();
        }
    }
}
