using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using static Dupn.MLNet.DupnGraphNames;

namespace Dupn.MLNet.Transforms.Embedding;

/// <summary>
/// What a DUPN ONNX graph declares, read with ONNX Runtime: its inputs with their fixed trailing
/// sizes (K tags, Q query tokens, P profile columns, m ranking features), its outputs, and N (the
/// architecture's MaxHistory) from the model metadata.
/// </summary>
internal sealed class DupnOnnxModelInfo
{
    private DupnOnnxModelInfo(IReadOnlyDictionary<string, int[]> inputs, IReadOnlyDictionary<string, int[]> outputs, string graph, int maxHistory,
        IReadOnlyDictionary<string, long> tableRows)
    {
        TableRows = tableRows;
        Inputs = inputs;
        Outputs = outputs;
        Graph = graph;
        MaxHistory = maxHistory;
    }

    /// <summary>Input name to its dimensions (-1 where dynamic).</summary>
    public IReadOnlyDictionary<string, int[]> Inputs { get; }
    public IReadOnlyDictionary<string, int[]> Outputs { get; }
    /// <summary>"user", "items" or "full".</summary>
    public string Graph { get; }
    public int MaxHistory { get; }

    /// <summary>
    /// Rows of the embedding table each index input reads (V + 2; the time table as is), so that an
    /// index outside it is reported before ONNX Runtime sees it (Gather would wrap a negative one).
    /// </summary>
    public IReadOnlyDictionary<string, long> TableRows { get; }

    public bool HasInput(string name) => Inputs.ContainsKey(name);

    /// <summary>The fixed size of the last dimension of an input (K, Q, P, m, or rep's size for user_embedding).</summary>
    public int LastDim(string name) => Inputs[name][^1];

    public static DupnOnnxModelInfo Read(InferenceSession session, string source)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        if (metadata.TryGetValue(DupnGraphNames.MetaFormatVersion, out string? format)
            && (!int.TryParse(format, out int version) || version > DupnGraphNames.SupportedFormatVersion))
        {
            metadata.TryGetValue(DupnGraphNames.MetaLibraryVersion, out string? writer);
            throw new InvalidDataException(
                $"{source} is a DUPN graph of format {format} (written by Dupn.MLNet {writer ?? "unknown"}); this library reads format {DupnGraphNames.SupportedFormatVersion} or older. Update Dupn.MLNet.");
        }
        if (!metadata.TryGetValue(DupnGraphNames.MetaArchitecture, out string? json) || !metadata.TryGetValue(DupnGraphNames.MetaGraph, out string? graph))
            throw new InvalidOperationException($"{source} is not a DUPN graph written by Dupn.MLNet.Export: its metadata has no '{DupnGraphNames.MetaArchitecture}' and '{DupnGraphNames.MetaGraph}'.");
        int maxHistory;
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            maxHistory = root.GetProperty("MaxHistory").GetInt32();
            long Vocabulary(string property) => root.GetProperty(property).GetInt64() + 2;
            rows[HistItem] = rows[Item] = Vocabulary("ItemVocabulary");
            rows[HistShop] = rows[Shop] = rows[TargetShop] = Vocabulary("ShopVocabulary");
            rows[HistBrand] = rows[Brand] = Vocabulary("BrandVocabulary");
            rows[HistCategory] = rows[Category] = Vocabulary("CategoryVocabulary");
            rows[HistTags] = rows[ItemTags] = Vocabulary("TagVocabulary");
            rows[HistType] = Vocabulary("TypeVocabulary");
            rows[HistScene] = Vocabulary("SceneVocabulary");
            rows[HistTime] = root.GetProperty("TimeBuckets").GetInt64();
            rows[Query] = Vocabulary("QueryVocabulary");
            rows[Talent] = Vocabulary("TalentVocabulary");
            rows[TalentTags] = Vocabulary("TalentTagVocabulary");
            int j = 0;
            foreach (var v in root.GetProperty("ProfileVocabularies").EnumerateArray())
                rows[$"{Profile}[{j++}]"] = v.GetInt64() + 2;
        }
        return new DupnOnnxModelInfo(
            session.InputMetadata.ToDictionary(p => p.Key, p => p.Value.Dimensions),
            session.OutputMetadata.ToDictionary(p => p.Key, p => p.Value.Dimensions),
            graph, maxHistory, rows);
    }

    /// <summary>Verifies the bytes (<see cref="DupnOnnxIntegrity"/>), then reads what the graph declares.</summary>
    public static DupnOnnxModelInfo Read(byte[] model, string source)
    {
        DupnOnnxIntegrity.Verify(model, source);
        using var session = new InferenceSession(model);
        return Read(session, source);
    }

    /// <summary>Throws unless the graph is of one of the expected kinds.</summary>
    public DupnOnnxModelInfo Expect(string source, params string[] graphs)
    {
        if (!graphs.Contains(Graph))
            throw new ArgumentException($"{source} holds the DUPN '{Graph}' graph; this needs the {string.Join(" or ", graphs.Select(g => $"'{g}'"))} graph.");
        return this;
    }
}
