// ScoreOnly: the serving side of Dupn.MLNet. It references only Dupn.MLNet.Transforms (ML.NET and
// ONNX Runtime), so it runs where libtorch is absent.
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;

var mlContext = new MLContext(seed: 0);
string onnxRuntime = OrtEnv.Instance().GetVersionString();
Console.WriteLine($"ML.NET {typeof(MLContext).Assembly.GetName().Version}; ONNX Runtime {onnxRuntime}");
