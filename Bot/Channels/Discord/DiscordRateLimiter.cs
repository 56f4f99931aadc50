using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

/// <summary>
/// Discord's limits for this process, shared by every request (one instance for the app): the global
/// limit (50 requests in any second for a bot token; interaction webhooks are exempt) kept as a
/// sliding log of send times, and the per-route buckets Discord announces in its headers or in a 429.
/// Before this, each typed client kept its own bucket state and no global count: the fan-out
/// benchmark lost 40 % of a 2,000-pupil Friday reminder to 429s (docs/PERFORMANCE.md).
/// Several instances share one token: give each its share with Discord:GlobalRequestsPerSecond.
/// Not System.Threading.RateLimiting's SlidingWindowRateLimiter: it frees a segment's permits at once,
/// so a request sent late in a segment is forgotten less than a second later (50 per 1 s in 10 or 20
/// segments let up to 100 requests into one second, measured); a safe setting (1.05 s in 21 segments,
/// no slack for the way) is slower than this log. A request must count globally only once its route
/// may go, and a global 429 must hold everyone: its leases cannot wait on a route nor be blocked.
/// Route buckets are announced by Discord, not a window to configure.
/// </summary>
public sealed class DiscordRateLimiter(IOptions<DiscordOptions> options)
{
    // The server counts when requests arrive, we count when they leave: a little slack for the way.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(30);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<TimeSpan> _sent = new();
    private readonly Dictionary<string, Bucket> _routes = [];
    private TimeSpan _globalBlockedUntil;

    /// <summary>Waits until a request on this route may leave, and counts it as sent.</summary>
    public async Task WaitTurnAsync(string route, bool countsGlobally, CancellationToken ct)
    {
        var perSecond = Math.Max(1, options.Value.GlobalRequestsPerSecond);
        while (true)
        {
            TimeSpan wait;
            lock (_sent)
            {
                var now = _clock.Elapsed;
                while (_sent.Count > 0 && _sent.Peek() + TimeSpan.FromSeconds(1) + Slack <= now) _sent.Dequeue();
                var bucket = _routes.GetValueOrDefault(route);
                if (bucket is not null && bucket.ResetAt <= now) bucket.Remaining = bucket.Limit; // a new window
                wait = bucket is null ? TimeSpan.Zero : bucket.Remaining > 0 ? bucket.BlockedUntil - now : bucket.ResetAt - now;
                if (bucket is not null && bucket.BlockedUntil - now > wait) wait = bucket.BlockedUntil - now;
                if (countsGlobally)
                {
                    if (_globalBlockedUntil - now > wait) wait = _globalBlockedUntil - now;
                    if (_sent.Count >= perSecond && _sent.Peek() + TimeSpan.FromSeconds(1) + Slack - now > wait) wait = _sent.Peek() + TimeSpan.FromSeconds(1) + Slack - now;
                }
                if (wait <= TimeSpan.Zero)
                {
                    if (countsGlobally) _sent.Enqueue(now);
                    if (bucket is not null) bucket.Remaining--; // in flight: counted before its answer comes
                    return;
                }
            }
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>
    /// What Discord said of the route's bucket (X-RateLimit-Limit, -Remaining, -Reset-After): later
    /// requests are counted against it before they leave, so concurrent senders do not overrun it.
    /// </summary>
    public void Observe(string route, int limit, int remaining, TimeSpan resetAfter)
    {
        lock (_sent)
        {
            var now = _clock.Elapsed;
            if (!_routes.TryGetValue(route, out var bucket)) _routes[route] = bucket = new Bucket();
            bucket.Limit = limit;
            // Answers arrive out of order: the lowest count in the current window wins.
            bucket.Remaining = bucket.ResetAt > now ? Math.Min(bucket.Remaining, remaining) : remaining;
            bucket.ResetAt = now + resetAfter;
        }
    }

    /// <summary>A route 429: that route waits.</summary>
    public void BlockRoute(string route, TimeSpan wait)
    {
        lock (_sent)
        {
            if (!_routes.TryGetValue(route, out var bucket)) _routes[route] = bucket = new Bucket { Limit = 1 };
            bucket.BlockedUntil = _clock.Elapsed + wait;
        }
    }

    private sealed class Bucket
    {
        public int Limit;
        public int Remaining;
        public TimeSpan ResetAt;
        public TimeSpan BlockedUntil;
    }

    /// <summary>A global 429: every request that counts globally waits.</summary>
    public void BlockAll(TimeSpan wait)
    {
        lock (_sent) _globalBlockedUntil = _clock.Elapsed + wait;
    }
}
