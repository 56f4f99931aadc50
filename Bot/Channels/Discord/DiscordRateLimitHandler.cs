using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

/// <summary>What a 429 says: how long to wait (body retry_after in seconds, else Retry-After), and whether it is global.</summary>
internal readonly record struct DiscordRateLimit(TimeSpan RetryAfter, bool Global)
{
    public static DiscordRateLimit Read(string body, HttpResponseMessage response)
    {
        var json = body.TrimStart().StartsWith('{') ? JsonNode.Parse(body) : null;
        var seconds = json?["retry_after"] is JsonValue v && v.TryGetValue<double>(out var s) ? s
            : response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1;
        var global = response.Headers.Contains("X-RateLimit-Global")
            || json?["global"] is JsonValue g && g.TryGetValue<bool>(out var b) && b;
        return new(TimeSpan.FromSeconds(Math.Max(seconds, 0.05)), global);
    }

    /// <summary>Buffers the (small) body of a 429 so that the retry strategy and the client can read it again.</summary>
    public static async Task<DiscordRateLimit> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await response.Content.LoadIntoBufferAsync(ct);
        return Read(await response.Content.ReadAsStringAsync(ct), response);
    }
}

/// <summary>
/// Each attempt of a Discord call, retries included, waits its turn at the process-wide
/// <see cref="DiscordRateLimiter"/>, then teaches it what the answer said: the route's bucket, and
/// on a 429 a block of the route, or of every bot-token call when the limit is global (of every
/// instance's, on PostgreSQL).
/// </summary>
internal sealed partial class DiscordRateLimitHandler(DiscordRateLimiter limits, IOptions<DiscordOptions> options,
    ILogger<DiscordRateLimitHandler> logger) : DelegatingHandler
{
    /// <summary>The longest a 429 holds a route (or everything) here, and the longest the retry waits.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var route = RouteOf(request.RequestUri!);
        // Interaction webhooks carry no token (theirs is in the path) and are exempt from the global limit.
        await limits.WaitTurnAsync(route, countsGlobally: request.Headers.Authorization?.Scheme == "Bot", ct);
        var response = await base.SendAsync(request, ct);
        Remember(route, response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var limit = await DiscordRateLimit.ReadAsync(response, ct);
            var wait = limit.RetryAfter < LongestWait ? limit.RetryAfter : LongestWait;
            LogRateLimited(DiscordRoutes.Redact(route), limit.Global, wait.TotalSeconds);
            if (limit.Global) await limits.BlockAllAsync(wait, ct);
            else limits.BlockRoute(route, wait);
        }
        return response;
    }

    // Buckets are per route and major parameter (channel, webhook): the path below the API's base is a fair key.
    private string RouteOf(Uri uri)
    {
        var basePath = new Uri(options.Value.ApiBaseUrl).AbsolutePath.TrimEnd('/') + "/";
        var path = uri.AbsolutePath;
        return path.StartsWith(basePath, StringComparison.Ordinal) ? path[basePath.Length..] : path.TrimStart('/');
    }

    // X-RateLimit-Limit, -Remaining, -Reset-After: the route's bucket, for the next calls to count against.
    private void Remember(string route, HttpResponseMessage response)
    {
        static double? Header(HttpResponseMessage r, string name) =>
            r.Headers.TryGetValues(name, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        if (Header(response, "X-RateLimit-Limit") is { } limit && Header(response, "X-RateLimit-Remaining") is { } remaining
            && Header(response, "X-RateLimit-Reset-After") is { } reset)
            limits.Observe(route, (int)limit, (int)remaining, TimeSpan.FromSeconds(reset));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit on {Route} (global: {Global}): waiting {Seconds:F2} s")]
    private partial void LogRateLimited(string route, bool global, double seconds);
}
