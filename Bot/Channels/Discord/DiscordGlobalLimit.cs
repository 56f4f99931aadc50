using System.Diagnostics;

namespace Bot.Channels.Discord;

/// <summary>
/// Discord's global limit: 50 requests in any second for a bot token, whichever instance sends them.
/// On SQLite (one instance by design) this process counts alone (<see cref="LocalGlobalLimit"/>); on
/// PostgreSQL every instance counts in the database (<see cref="SharedGlobalLimit"/>).
/// </summary>
public interface IDiscordGlobalLimit
{
    /// <summary>Counts one request and returns once it may leave.</summary>
    Task TakeAsync(CancellationToken ct);

    /// <summary>A global 429: whatever counts globally waits this long.</summary>
    Task BlockAsync(TimeSpan wait, CancellationToken ct);
}

/// <summary>
/// The global limit for this process alone, kept as a sliding log of send times. Not
/// System.Threading.RateLimiting's SlidingWindowRateLimiter: it frees a segment's permits at once, so a
/// request sent late in a segment is forgotten less than a second later (50 per 1 s in 10 or 20 segments
/// let up to 100 requests into one second, measured); a safe setting (1.05 s in 21 segments, no slack
/// for the way) is slower than this log.
/// </summary>
public sealed class LocalGlobalLimit(int perSecond) : IDiscordGlobalLimit
{
    // The server counts when requests arrive, we count when they leave: a little slack for the way.
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1) + Slack;
    private readonly int _perSecond = Math.Max(1, perSecond);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<TimeSpan> _sent = new();
    private TimeSpan _blockedUntil;

    public int PerSecond => _perSecond;

    public async Task TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_sent)
            {
                var now = _clock.Elapsed;
                while (_sent.Count > 0 && _sent.Peek() + Window <= now) _sent.Dequeue();
                wait = _blockedUntil - now;
                if (_sent.Count >= _perSecond && _sent.Peek() + Window - now > wait) wait = _sent.Peek() + Window - now;
                if (wait <= TimeSpan.Zero)
                {
                    _sent.Enqueue(now);
                    return;
                }
            }
            await Task.Delay(wait, ct);
        }
    }

    public Task BlockAsync(TimeSpan wait, CancellationToken ct)
    {
        lock (_sent) _blockedUntil = _clock.Elapsed + wait;
        return Task.CompletedTask;
    }
}
