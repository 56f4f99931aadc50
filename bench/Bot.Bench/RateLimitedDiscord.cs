using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Bench;

/// <summary>
/// A local stand-in for Discord's REST API that enforces its rate limits as documented: the global
/// limit (50 requests in any second, per bot token; beyond it 429 with "global": true and the
/// X-RateLimit-Global header) and per-route buckets, announced in X-RateLimit-Limit / -Remaining /
/// -Reset-After / -Bucket headers (a bucket resets whole after its window), with 429 and retry_after
/// when a bucket is spent. Discord does not
/// publish the sizes of route buckets; those here are plausible and stated in the report.
/// </summary>
internal sealed class RateLimitedDiscord : IAsyncDisposable
{
    public const int GlobalPerSecond = 50;
    public const int MessagesPerChannel = 5;             // per channel, per 5 s
    public static readonly TimeSpan MessagesWindow = TimeSpan.FromSeconds(5);
    public const int DmChannelsPerSecond = 10;           // POST /users/@me/channels

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<TimeSpan> _lastSecond = new();
    private readonly Dictionary<string, (TimeSpan Start, int Count)> _buckets = [];

    public ConcurrentDictionary<string, int> MessagesPerUser { get; } = new();

    /// <summary>Requests per sending instance, when the bench's bots say which they are.</summary>
    public const string InstanceHeader = "X-Bench-Instance";
    public ConcurrentDictionary<string, int> RequestsFrom { get; } = new();
    public int Requests, GlobalLimited, RouteLimited;
    public TimeSpan? FirstRequest, LastMessage;
    private readonly ConcurrentQueue<TimeSpan> _messageTimes = new();

    /// <summary>The fake's clock: its stopwatch since it started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Messages delivered in each window of <paramref name="width"/> from <paramref name="from"/> (the fake's clock).</summary>
    public List<int> MessagesPer(TimeSpan from, TimeSpan width)
    {
        var counts = new List<int>();
        foreach (var at in _messageTimes.Where(t => t >= from))
        {
            var slot = (int)((at - from) / width);
            while (counts.Count <= slot) counts.Add(0);
            counts[slot]++;
        }
        return counts;
    }

    private RateLimitedDiscord(WebApplication app) => _app = app;

    public string BaseUrl => LoopbackApp.Address(_app) + "/api/v10";

    public static async Task<RateLimitedDiscord> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new RateLimitedDiscord(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers[InstanceHeader].ToString() is { Length: > 0 } instance) fake.RequestsFrom.AddOrUpdate(instance, 1, (_, n) => n + 1);
            var refusal = fake.Admit(context);
            if (refusal is null) { await next(); return; }
            context.Response.StatusCode = 429;
            await context.Response.WriteAsJsonAsync(refusal);
        });
        app.MapPost("/api/v10/users/@me/channels", async (HttpRequest r) =>
        {
            var body = await JsonNode.ParseAsync(r.Body);
            return Results.Json(new { id = "dm-" + body!["recipient_id"]!.GetValue<string>(), type = 1 });
        });
        app.MapPost("/api/v10/channels/{channel}/messages", (string channel) =>
        {
            var user = channel.StartsWith("dm-", StringComparison.Ordinal) ? channel[3..] : channel;
            fake.MessagesPerUser.AddOrUpdate(user, 1, (_, n) => n + 1);
            fake.LastMessage = fake._clock.Elapsed;
            fake._messageTimes.Enqueue(fake.LastMessage.Value);
            return Results.Json(new { id = Guid.NewGuid().ToString("N"), channel_id = channel });
        });
        await app.StartAsync();
        return fake;
    }

    /// <summary>Null when the request may go; the 429 body otherwise. Headers of the route's bucket are set either way.</summary>
    private object? Admit(HttpContext context)
    {
        var now = _clock.Elapsed;
        var path = context.Request.Path.Value ?? "";
        var (bucket, limit, window) = path.EndsWith("/users/@me/channels", StringComparison.Ordinal)
            ? ("dm-create", DmChannelsPerSecond, TimeSpan.FromSeconds(1))
            : ("messages:" + path, MessagesPerChannel, MessagesWindow);
        lock (_lastSecond)
        {
            Requests++;
            FirstRequest ??= now;
            while (_lastSecond.Count > 0 && _lastSecond.Peek() <= now - TimeSpan.FromSeconds(1)) _lastSecond.Dequeue();
            if (_lastSecond.Count >= GlobalPerSecond)
            {
                GlobalLimited++;
                var retry = (_lastSecond.Peek() + TimeSpan.FromSeconds(1) - now).TotalSeconds;
                context.Response.Headers["X-RateLimit-Global"] = "true";
                context.Response.Headers["X-RateLimit-Scope"] = "global";
                context.Response.Headers.RetryAfter = Math.Ceiling(retry).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new { message = "You are being rate limited.", retry_after = Math.Round(retry, 3), global = true };
            }
            // A route bucket is a fixed window: it opens with its first request and resets whole after its length.
            var (start, count) = _buckets.TryGetValue(bucket, out var known) && known.Start + window > now ? known : (now, 0);
            var reset = (start + window - now).TotalSeconds;
            context.Response.Headers["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Bucket"] = bucket.GetHashCode().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Reset-After"] = reset.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            if (count >= limit)
            {
                RouteLimited++;
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Scope"] = "user";
                return new { message = "You are being rate limited.", retry_after = Math.Round(reset, 3), global = false };
            }
            _lastSecond.Enqueue(now);
            _buckets[bucket] = (start, count + 1);
            context.Response.Headers["X-RateLimit-Remaining"] = (limit - count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return null;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
