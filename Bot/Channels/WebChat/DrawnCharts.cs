using Bot.Dialogs.Charts;
using Microsoft.Extensions.Caching.Memory;

namespace Bot.Channels.WebChat;

/// <summary>
/// The transcript's charts as drawn for its reads. Polls are not rate-limited and a page reloaded reads its transcript
/// again: without this, anyone could make the bot draw a conversation's charts again and again. The key is the stored
/// activity itself (it holds the chart's numbers), so a drawing is only ever served for the same numbers; a
/// counsellor's answers (about pupils, forgotten once delivered) are never kept.
/// </summary>
internal sealed class DrawnCharts(ChartDrawer charts) : IDisposable
{
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _drawn = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 });

    /// <summary>The stored activity as served, its chart drawn (see <see cref="ActivityMapper.WithChartDrawn"/>).</summary>
    public string Serve(string json, bool keep)
    {
        if (!keep) return ActivityMapper.WithChartDrawn(json, charts);
        if (_drawn.TryGetValue(json, out string? served)) return served!;
        served = ActivityMapper.WithChartDrawn(json, charts);
        // UTF-16 characters of the key and the value: a size in bytes, bounded by SizeLimit.
        _drawn.Set(json, served, new MemoryCacheEntryOptions { Size = 2L * (json.Length + served.Length), SlidingExpiration = Unused });
        return served;
    }

    /// <summary>
    /// After an erasure: every drawing goes (a key does not say whose chart it is), at the cost of drawing others' again
    /// at their next read.
    /// </summary>
    public void ForgetAll() => _drawn.Compact(1.0);

    /// <summary>How many drawn activities are kept.</summary>
    public int Count => _drawn.Count;

    public void Dispose() => _drawn.Dispose();
}
