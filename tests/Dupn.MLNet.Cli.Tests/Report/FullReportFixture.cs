using Dupn.MLNet.Cli.Report;

namespace Dupn.MLNet.Cli.Tests.Report;

/// <summary>
/// Renders the full synthetic report once for all tests that only read it. Set
/// DUPN_REPORT_TEST_OUT to a folder to keep the report there and look at the pictures.
/// </summary>
public sealed class FullReportFixture : IDisposable
{
    private readonly bool _keep;

    public FullReportFixture()
    {
        string? keepFolder = Environment.GetEnvironmentVariable("DUPN_REPORT_TEST_OUT");
        _keep = !string.IsNullOrEmpty(keepFolder);
        Folder = _keep ? Path.GetFullPath(keepFolder!) : Path.Combine(Path.GetTempPath(), "dupn-report-" + Guid.NewGuid().ToString("N"));
        Data = SyntheticReportData.Full();
        Result = ReportWriter.Write(Data, Folder);
        Html = File.ReadAllText(Result.IndexPath);
    }

    public string Folder { get; }

    public ReportData Data { get; }

    public ReportResult Result { get; }

    public string Html { get; }

    public void Dispose()
    {
        if (!_keep && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
