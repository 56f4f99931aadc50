using System.Collections.Concurrent;
using System.Diagnostics;

namespace Bot.Bench;

/// <summary>Latencies of one kind of request, and the errors, over a measured window.</summary>
internal sealed class Stats(string name)
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly Stopwatch _window = new();

    public string Name => name;
    public int Count => _milliseconds.Count;
    public int Errors => _errors.Values.Sum();
    public TimeSpan Elapsed => _window.Elapsed;
    public double PerSecond => Count / Math.Max(_window.Elapsed.TotalSeconds, 1e-9);

    public void Start() => _window.Restart();
    public void Stop() => _window.Stop();
    public void Add(TimeSpan latency) => _milliseconds.Add(latency.TotalMilliseconds);
    public void Error(string what) => _errors.AddOrUpdate(what, 1, (_, n) => n + 1);

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public string Line() =>
        $"{name,-44} {Count,7} {PerSecond,9:F1}/s  p50 {Percentile(50),7:F2} ms  p95 {Percentile(95),7:F2} ms  p99 {Percentile(99),7:F2} ms  errors {Errors}" +
        (Errors == 0 ? "" : "  (" + string.Join(", ", _errors.Select(e => $"{e.Key}: {e.Value}")) + ")");
}
