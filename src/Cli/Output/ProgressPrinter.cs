using System.Diagnostics;
using System.Globalization;

namespace Dupn.MLNet.Cli.Output;

/// <summary>
/// Progress of long work: a live bar redrawn in place on a terminal; plain lines (step, loss, rate,
/// ETA) every few seconds when output is redirected, where a live bar would print nothing useful.
/// </summary>
public sealed class ProgressPrinter
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _out;
    private readonly string _what;
    private readonly long _total;
    private readonly bool _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastPrint;
    private bool _drewLive;

    public ProgressPrinter(TextWriter output, string what, long total, bool live)
    {
        _out = output;
        _what = what;
        _total = Math.Max(1, total);
        _live = live;
    }

    /// <summary>Reports <paramref name="done"/> of the total; <paramref name="detail"/> is e.g. "loss 0.512".</summary>
    public void Report(long done, string? detail = null, bool force = false)
    {
        TimeSpan now = _clock.Elapsed;
        if (!force && _lastPrint is { } last && now - last < (_live ? LiveInterval : PlainInterval) && done < _total)
            return;
        _lastPrint = now;

        double fraction = Math.Clamp(done / (double)_total, 0, 1);
        double rate = done / Math.Max(now.TotalSeconds, 1e-6);
        double etaSeconds = rate > 0 ? (_total - done) / rate : 0;
        TimeSpan eta = TimeSpan.FromSeconds(Math.Clamp(etaSeconds, 0, 359_999)); // at most 99:59:59
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{_what} {done}/{_total} ({fraction:P0}) {rate:F1}/s ETA {eta:hh\\:mm\\:ss}{(detail is null ? "" : " " + detail)}");
        if (_live)
        {
            int width = 24;
            int filled = (int)Math.Round(fraction * width);
            _out.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {text}   ");
            _drewLive = true;
        }
        else
        {
            _out.WriteLine(text);
        }
    }

    /// <summary>Ends the live line so the next output starts on its own line.</summary>
    public void Finish(string? summary = null)
    {
        if (_drewLive)
            _out.WriteLine();
        if (summary != null)
            _out.WriteLine($"{_what}: {summary} in {_clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
    }
}
