namespace Dupn.MLNet.Tests;

/// <summary>
/// How long a test waits for a child process (an example, a `dotnet` build, a training run) before
/// it calls it hung. It catches hangs only: a child that finishes in one minute on a quiet machine
/// takes four or more when the suite shares two cores with a training run, and a test must not fail
/// for that. Speed is measured by `dupn bench`, never by a test.
/// </summary>
internal static class HangLimit
{
    /// <summary>15 minutes.</summary>
    public static readonly TimeSpan ChildProcess = TimeSpan.FromMinutes(15);

    /// <summary>The limit as a test's message says it.</summary>
    public static string Describe() => $"{ChildProcess.TotalMinutes:F0} minutes";
}
