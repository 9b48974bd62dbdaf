using System.Diagnostics;
using Dupn.MLNet.Export.Tests.Reference;
using Dupn.MLNet.Tests;

namespace Dupn.MLNet.Export.Tests;

/// <summary>
/// The reference ONNX checker (python3-onnx, with full_check: shape inference included) accepts the
/// three graphs. When `import onnx` fails the test installs Debian's python3-onnx once with apt-get.
/// </summary>
public sealed class OnnxCheckerTests
{
    // Debian's python3-onnx lives in /usr/bin/python3's dist-packages; a pyenv or venv python3 on
    // PATH does not see it, so both are tried.
    private static readonly string[] Pythons = ["python3", "/usr/bin/python3"];
    private static readonly Lazy<(string? Python, string? Problem)> PythonWithOnnx = new(EnsurePythonOnnx);

    [Theory]
    [InlineData(DupnGraphKind.User, DupnVariant.All, 2, false)]
    [InlineData(DupnGraphKind.Items, DupnVariant.All, 2, false)]
    [InlineData(DupnGraphKind.Full, DupnVariant.All, 2, true)]
    [InlineData(DupnGraphKind.Full, DupnVariant.NoBp, 0, false)]
    [InlineData(DupnGraphKind.User, DupnVariant.BpAtt, 1, false)]
    public void OnnxCheckerAcceptsGraph(DupnGraphKind kind, DupnVariant variant, int profileColumns, bool pppLinearPath)
    {
        var (python, problem) = PythonWithOnnx.Value;
        Assert.True(python is not null, problem);
        var arch = RandomStateDict.SmallArchitecture(variant, batchNorm: variant == DupnVariant.All, profileColumns, pppLinearPath: pppLinearPath);
        using var dir = RepoPaths.NewTempDir();
        string path = Path.Combine(dir.Path, $"{kind}.onnx");
        DupnOnnxExporter.Save(arch, RandomStateDict.Create(arch, seed: 3), kind, path);

        var (code, output) = Run(python!, "-c",
            "import sys, onnx; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); " +
            "print('ir', m.ir_version, 'opset', m.opset_import[0].version)", path);
        Assert.True(code == 0, $"onnx.checker rejected the {kind} graph:\n{output}");
        Assert.Contains("ir 8 opset 17", output);
    }

    private static (string?, string?) EnsurePythonOnnx()
    {
        string? Find() => Pythons.FirstOrDefault(p => Run(p, "-c", "import onnx").Code == 0);
        if (Find() is { } found)
            return (found, null);
        var update = Run("apt-get", "update");
        var install = Run("apt-get", "install", "-y", "python3-onnx");
        if (Find() is { } installed)
            return (installed, null);
        return (null, $"python3-onnx is not importable from {string.Join(" or ", Pythons)} and apt-get could not install it (update exit {update.Code}, install exit {install.Code}):\n{install.Output}");
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
            info.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file} could not start: {e.Message}");
        }
    }
}
