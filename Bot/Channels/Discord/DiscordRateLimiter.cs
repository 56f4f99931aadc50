using System.Diagnostics;

namespace Bot.Channels.Discord;

/// <summary>
/// Discord's limits, shared by every request of the process (one instance for the app): the global limit
/// (50 requests in any second for a bot token; interaction webhooks are exempt), counted by
/// <see cref="IDiscordGlobalLimit"/> (in this process on SQLite, in the database on PostgreSQL), and the
/// per-route buckets Discord announces in its headers or in a 429. Before this, each typed client kept
/// its own bucket state and no global count: the fan-out benchmark lost 40 % of a 2,000-pupil Friday
/// reminder to 429s (docs/PERFORMANCE.md).
/// A request counts globally only once its route may go: a global slot is never spent waiting on a route.
/// Route buckets stay per instance: Discord announces each bucket's remaining count in every answer, so an
/// instance learns the others' use as it goes, and a route's 429 holds that route only, for its retry_after;
/// most routes here are one DM channel, which the outbox sends to one row at a time.
/// Route buckets are announced by Discord, not a window to configure.
/// </summary>
public sealed class DiscordRateLimiter(IDiscordGlobalLimit global)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, Bucket> _routes = [];

    /// <summary>Waits until a request on this route may leave, and counts it as sent.</summary>
    public async Task WaitTurnAsync(string route, bool countsGlobally, CancellationToken ct)
    {
        while (true)
        {
            var window = await TakeRouteAsync(route, ct);
            if (!countsGlobally) return;
            await global.TakeAsync(ct);
            // A global slot not used is lost: it slows the others a little, never lets more through.
            if (StillGoes(route, window)) return;
        }
    }

    /// <summary>Waits for the route's bucket and counts the request in it; returns the bucket's window (-1: none known).</summary>
    private async Task<int> TakeRouteAsync(string route, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_routes)
            {
                var now = _clock.Elapsed;
                if (!_routes.TryGetValue(route, out var bucket)) return -1;
                Refresh(bucket, now);
                var until = bucket.Remaining > 0 || bucket.ResetAt < bucket.BlockedUntil ? bucket.BlockedUntil : bucket.ResetAt;
                wait = until - now;
                if (wait <= TimeSpan.Zero)
                {
                    bucket.Remaining--; // in flight: counted before its answer comes
                    return bucket.Window;
                }
            }
            await Task.Delay(wait, ct);
        }
    }

    /// <summary>
    /// After the global wait: not when a 429 blocked the route meanwhile, nor when the wait carried the request
    /// into the bucket's next window (Discord counts it there) with no room left in it.
    /// </summary>
    private bool StillGoes(string route, int window)
    {
        lock (_routes)
        {
            var now = _clock.Elapsed;
            if (!_routes.TryGetValue(route, out var bucket)) return true;
            if (bucket.BlockedUntil > now) return false;
            Refresh(bucket, now);
            if (bucket.Window == window) return true;
            if (bucket.Remaining <= 0) return false;
            bucket.Remaining--;
            return true;
        }
    }

    // Past its reset, a bucket is whole again (once: until Discord's next answer says more, requests count down from its limit).
    private static void Refresh(Bucket bucket, TimeSpan now)
    {
        if (bucket.ResetAt > now || bucket.Renewed) return;
        bucket.Remaining = bucket.Limit;
        bucket.Window++;
        bucket.Renewed = true;
    }

    /// <summary>
    /// What Discord said of the route's bucket (X-RateLimit-Limit, -Remaining, -Reset-After): later
    /// requests are counted against it before they leave, so concurrent senders do not overrun it.
    /// </summary>
    public void Observe(string route, int limit, int remaining, TimeSpan resetAfter)
    {
        lock (_routes)
        {
            var now = _clock.Elapsed;
            if (!_routes.TryGetValue(route, out var bucket)) _routes[route] = bucket = new Bucket();
            Refresh(bucket, now);
            bucket.Limit = limit;
            // Answers arrive out of order: the lowest count in the current window wins.
            bucket.Remaining = bucket.Renewed ? remaining : Math.Min(bucket.Remaining, remaining);
            bucket.ResetAt = now + resetAfter;
            bucket.Renewed = false;
        }
    }

    /// <summary>A route 429: that route waits.</summary>
    public void BlockRoute(string route, TimeSpan wait)
    {
        lock (_routes)
        {
            if (!_routes.TryGetValue(route, out var bucket)) _routes[route] = bucket = new Bucket { Limit = 1 };
            bucket.BlockedUntil = _clock.Elapsed + wait;
        }
    }

    /// <summary>A global 429: every request that counts globally waits, on every instance that shares the count.</summary>
    public Task BlockAllAsync(TimeSpan wait, CancellationToken ct) => global.BlockAsync(wait, ct);

    private sealed class Bucket
    {
        public int Limit;
        public int Remaining;
        public TimeSpan ResetAt;
        public TimeSpan BlockedUntil;
        /// <summary>Counts the bucket's windows as this process saw them open.</summary>
        public int Window;
        /// <summary>Its reset time passed and no answer since said when the next one is.</summary>
        public bool Renewed;
    }
}
