using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dupn.MLNet.Export.Graphs;
using Dupn.MLNet.IO;
using Dupn.MLNet.Export.Onnx;
using Google.Protobuf;
using Onnx;
using static Dupn.MLNet.DupnGraphNames;

namespace Dupn.MLNet.Export;

/// <summary>
/// Writes a trained DUPN network (its <see cref="DupnArchitecture"/> and <see cref="StateDict"/>,
/// plain data) as ONNX: opset 17, IR version 8, dynamic batch and history length. The graphs and their
/// input and output names are described in <see cref="DupnGraphNames"/>; the architecture travels in
/// the model's metadata (<see cref="DupnGraphNames.MetaArchitecture"/>) as JSON.
/// </summary>
public static class DupnOnnxExporter
{
    /// <summary>The ONNX opset the graphs use.</summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version written (8: accepted by onnx 1.12+ and every current runtime).</summary>
    public const int IrVersion = 8;

    /// <summary>Version of the graph layout and metadata written here; bumped when names or semantics change.</summary>
    public const string FormatVersion = "1";

    /// <summary>Epsilon of rep_norm (PyTorch's BatchNorm1d default; the architecture does not name one).</summary>
    public const float BatchNormEpsilon = 1e-5f;

    /// <summary>Builds the ONNX model of one part of the network.</summary>
    /// <exception cref="ArgumentException">The architecture is invalid, a tensor is missing or has the wrong shape, or the part is empty (items without an item head).</exception>
    public static ModelProto Export(DupnArchitecture architecture, StateDict weights, DupnGraphKind kind)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        architecture.Validate();
        if (kind != DupnGraphKind.User && !ItemHeadsWriter.HasItemHeads(architecture))
            throw new ArgumentException($"The {kind} graph needs an item head (CTR, L2R, FOLLOW or SHOP_PREF); the architecture has only [{string.Join(", ", architecture.Tasks)}].", nameof(kind));

        var builder = new OnnxGraphBuilder("dupn_" + kind.ToString().ToLowerInvariant());
        var ctx = new DupnGraphContext(builder, architecture, weights);
        var dims = (batch: (OnnxGraphBuilder.Dim)BatchDim, history: (OnnxGraphBuilder.Dim)HistoryDim);
        const TensorProto.Types.DataType F = TensorProto.Types.DataType.Float;
        bool ppp = architecture.Tasks.Contains(DupnTask.Ppp);

        if (kind is DupnGraphKind.User or DupnGraphKind.Full)
        {
            string rep = UserTowerWriter.Write(ctx, out string attention);
            builder.Rename(rep, UserEmbeddingOutput);
            builder.Output(UserEmbeddingOutput, F, dims.batch, architecture.RepresentationDim);
            builder.Rename(attention, Attention);
            builder.Output(Attention, F, dims.batch, dims.history);
            if (ppp)
            {
                builder.Rename(UserTowerWriter.WritePpp(ctx, UserEmbeddingOutput), PppProbs);
                builder.Output(PppProbs, F, dims.batch, architecture.PppLevels);
            }
            if (kind == DupnGraphKind.Full)
                AddItemOutputs(ctx, UserEmbeddingOutput);
        }
        else
        {
            string rep = builder.Input(UserEmbedding, F, UserBatchDim, architecture.RepresentationDim);
            AddItemOutputs(ctx, rep);
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Dupn.MLNet",
            ProducerVersion = LibraryVersion,
            Domain = "dupn.mlnet",
            ModelVersion = 1,
            DocString = $"DUPN {kind} graph ({architecture.Variant}); inputs and outputs as in Dupn.MLNet docs/network.md.",
            Graph = builder.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        AddMetadata(model, MetaFormatVersion, FormatVersion);
        AddMetadata(model, MetaLibraryVersion, LibraryVersion);
        AddMetadata(model, MetaArchitecture, ArchitectureJson(architecture));
        AddMetadata(model, MetaGraph, kind.ToString().ToLowerInvariant());
        // Last: the checksum covers every byte before it (the reader strips this entry and rehashes).
        AddMetadata(model, MetaSha256, Convert.ToHexString(SHA256.HashData(model.ToByteArray())).ToLowerInvariant());
        return model;
    }

    /// <summary>The serialized ONNX model (what ONNX Runtime and ML.NET's ApplyOnnxModel load).</summary>
    public static byte[] ExportBytes(DupnArchitecture architecture, StateDict weights, DupnGraphKind kind)
    {
        var model = Export(architecture, weights, kind);
        long size = model.CalculateSize();
        if (size > int.MaxValue)
            throw new InvalidOperationException($"The {kind} graph is {size} bytes, over protobuf's 2 GiB limit for one ONNX file; shrink the vocabularies.");
        return model.ToByteArray();
    }

    /// <summary>Writes the ONNX model to <paramref name="path"/> atomically (temporary file, then rename): a failed save leaves the previous file intact.</summary>
    public static void Save(DupnArchitecture architecture, StateDict weights, DupnGraphKind kind, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ExportBytes(architecture, weights, kind);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The architecture as the JSON stored in the metadata (enums by name).</summary>
    public static string ArchitectureJson(DupnArchitecture architecture) => JsonSerializer.Serialize(architecture, JsonOptions);

    /// <summary>Reads back an architecture written by <see cref="ArchitectureJson"/>.</summary>
    public static DupnArchitecture ArchitectureFromJson(string json) =>
        JsonSerializer.Deserialize<DupnArchitecture>(json, JsonOptions)
        ?? throw new ArgumentException("The architecture JSON is empty.", nameof(json));

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
        // Computed sizes (ItemFeatureDim ...) are written for readers in other languages and ignored on reading.
        IgnoreReadOnlyProperties = false,
    };

    private static string LibraryVersion =>
        typeof(DupnOnnxExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(DupnOnnxExporter).Assembly.GetName().Version?.ToString() ?? "0";

    private static void AddItemOutputs(DupnGraphContext ctx, string rep)
    {
        foreach (var (name, value) in ItemHeadsWriter.Write(ctx, rep))
        {
            ctx.Builder.Rename(value, name);
            ctx.Builder.Output(name, TensorProto.Types.DataType.Float, BatchDim);
        }
    }

    private static void AddMetadata(ModelProto model, string key, string value) =>
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
}
