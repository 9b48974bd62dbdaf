using System.CommandLine;
using Dupn.MLNet.Cli.CommandLine;
using Dupn.MLNet.Export;
using Dupn.MLNet.Trainers;

namespace Dupn.MLNet.Cli.Commands;

/// <summary>`dupn export`: the trained network as an ONNX file (user, items or full graph).</summary>
public sealed class ExportCommand : DupnCommand
{
    private readonly Option<string?> _model = CommonFlags.Model();
    private readonly Option<string?> _out = Flag.Text("--out", "FILE.onnx", "the ONNX file to write (opset 17, IR 8)");
    private readonly Option<string> _part = ChoiceFlag.One("--part",
        "user: history -> user_embedding, attention, ppp (once per request); items: user_embedding + candidates -> ctr, l2r, follow scores (per candidate); full: both in one graph",
        "full", "user", "items", "full");

    public ExportCommand() : base("export", "export a trained model as ONNX (user part, item part or both)")
    {
        Required(_model, "a model folder written by `dupn train`");
        Required(_out, "the .onnx file to write");
        Optional(_part);
    }

    public override int Run(ParseResult parsed, CliContext context)
    {
        string modelPath = parsed.GetValue(_model)!;
        string output = parsed.GetValue(_out)!;
        var part = parsed.GetValue(_part) switch
        {
            "user" => DupnGraphKind.User,
            "items" => DupnGraphKind.Items,
            _ => DupnGraphKind.Full,
        };

        var model = DupnModel.Load(modelPath);
        byte[] onnx = model.ExportOnnx(part);
        string temp = output + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temp, onnx);
        File.Move(temp, output, overwrite: true);
        context.Out.WriteLine($"Wrote the {part.ToString().ToLowerInvariant()} graph of {modelPath} to {output} ({onnx.Length / 1024.0 / 1024.0:F1} MiB)");
        return 0;
    }
}
