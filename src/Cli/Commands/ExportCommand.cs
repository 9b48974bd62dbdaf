using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Export;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn export`: the trained network as an ONNX file (user, items or full graph).</summary>
public sealed class ExportCommand : ICommand
{
    public string Name => "export";

    public string Summary => "export a trained model as ONNX (user part, item part or both)";

    public string Usage => """
        dupn export --model MODEL --out FILE.onnx [--part user|items|full]

          --model MODEL     a model folder written by `dupn train`
          --out FILE.onnx   the ONNX file to write (opset 17, IR 8)
          --part            user: history -> user_embedding, attention, ppp (once per request)
                            items: user_embedding + candidates -> ctr, l2r, follow scores (per candidate)
                            full: both in one graph (default)
        """;

    public int Run(ParsedArguments args, CliContext context)
    {
        string modelPath = args.ExistingDirectory("model", "a model folder written by `dupn train`");
        string output = args.Required("out", "the .onnx file to write");
        var part = args.Choice("part", "full", "user", "items", "full") switch
        {
            "user" => DupnGraphKind.User,
            "items" => DupnGraphKind.Items,
            _ => DupnGraphKind.Full,
        };
        args.EnsureAllUsed();

        var model = DupnModel.Load(modelPath);
        byte[] onnx = model.ExportOnnx(part);
        string temp = output + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temp, onnx);
        File.Move(temp, output, overwrite: true);
        context.Out.WriteLine($"Wrote the {part.ToString().ToLowerInvariant()} graph of {modelPath} to {output} ({onnx.Length / 1024.0 / 1024.0:F1} MiB)");
        return 0;
    }
}
