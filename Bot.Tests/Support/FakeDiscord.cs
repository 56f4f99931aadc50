using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests.Support;

/// <summary>One call the fake received: method, path, whether the bot token came, the JSON (or payload_json) and the files.</summary>
public sealed record DiscordCall(string Method, string Path, string? Authorization, JsonNode? Json,
    IReadOnlyList<(string Field, string FileName, byte[] Content)> Files)
{
    /// <summary>When it arrived, since the fake started.</summary>
    public TimeSpan At { get; init; }
}

/// <summary>
/// A local stand-in for Discord's REST API (v10), on loopback: it records every call, answers like
/// the documented routes, can answer 429 (route or global, with retry_after) or a server error,
/// and refuses DMs to chosen users (50007).
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _rateLimited;
    private double _retryAfter = 0.05;
    private bool _global;
    private readonly List<(string Method, string PathPrefix, int Status)> _failures = [];

    public ConcurrentQueue<DiscordCall> Calls { get; } = new();
    public HashSet<string> ClosedDms { get; } = [];

    /// <summary>Messages as a user sees them in a channel: a second post with the same enforced nonce is not shown again (Discord's contract).</summary>
    public ConcurrentQueue<(string Channel, JsonNode Message)> Shown { get; } = new();
    private readonly ConcurrentDictionary<string, bool> _nonces = new();

    /// <summary>While set, channel message posts are taken (and shown) but never answered: the sender cannot know it went.</summary>
    public bool HoldMessages { get; set; }

    private FakeDiscord(WebApplication app) => _app = app;

    public string BaseUrl => LoopbackApp.Address(_app) + "/api/v10";

    /// <summary>The next <paramref name="count"/> calls get 429 with this retry_after (seconds), for their route or globally.</summary>
    public void RateLimitNext(int count, double retryAfter = 0.05, bool global = false)
    {
        (_retryAfter, _global) = (retryAfter, global);
        Interlocked.Exchange(ref _rateLimited, count);
    }

    /// <summary>The next call of this method on a path starting so gets this error (Discord's 5xx body), once per call to this.</summary>
    public void FailNext(string method, string pathPrefix, int status = 500)
    {
        lock (_failures) _failures.Add((method, pathPrefix, status));
    }

    public static async Task<FakeDiscord> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeDiscord(app);
        app.Use(async (context, next) =>
        {
            await fake.RecordAsync(context.Request);
            if (Interlocked.Decrement(ref fake._rateLimited) >= 0)
            {
                // Discord's 429: retry_after in seconds (decimal) in the body, rounded up in Retry-After; the scope in headers.
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = Math.Ceiling(fake._retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers["X-RateLimit-Scope"] = fake._global ? "global" : "user";
                if (fake._global) context.Response.Headers["X-RateLimit-Global"] = "true";
                await context.Response.WriteAsJsonAsync(new { message = "You are being rate limited.", retry_after = fake._retryAfter, global = fake._global });
                return;
            }
            if (fake.TakeFailure(context.Request) is { } status)
            {
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new { message = $"{status}: Internal Server Error", code = 0 });
                return;
            }
            await next();
        });
        app.MapMethods("/api/v10/webhooks/{app}/{token}/messages/@original", ["PATCH"], () => Results.Json(new { id = "2000" }));
        app.MapPost("/api/v10/webhooks/{app}/{token}", () => Results.Json(new { id = "2001" }));
        app.MapPost("/api/v10/users/@me/channels", async (HttpRequest r) =>
        {
            var body = await JsonNode.ParseAsync(r.Body);
            return Results.Json(new { id = "dm-" + body!["recipient_id"]!.GetValue<string>(), type = 1 });
        });
        app.MapPost("/api/v10/channels/{channel}/messages", async (string channel, HttpContext http) =>
        {
            if (fake.ClosedDms.Any(u => channel == "dm-" + u))
                return Results.Json(new { message = "Cannot send messages to this user", code = 50007 }, statusCode: 403);
            var message = http.Request.HasFormContentType
                ? JsonNode.Parse((await http.Request.ReadFormAsync())["payload_json"].ToString())!
                : (await JsonNode.ParseAsync(http.Request.Body))!;
            var nonce = message["enforce_nonce"]?.GetValue<bool>() == true ? message["nonce"]?.GetValue<string>() : null;
            if (nonce is null || fake._nonces.TryAdd($"{channel}/{nonce}", true)) fake.Shown.Enqueue((channel, message));
            if (fake.HoldMessages) await Task.Delay(Timeout.Infinite, http.RequestAborted); // shown, but the answer never comes back
            return Results.Json(new { id = "3000", channel_id = channel });
        });
        app.MapPut("/api/v10/applications/{app}/commands", async (HttpRequest r) => Results.Json(await JsonNode.ParseAsync(r.Body)));
        app.MapPut("/api/v10/applications/{app}/guilds/{guild}/commands", async (HttpRequest r) => Results.Json(await JsonNode.ParseAsync(r.Body)));
        await app.StartAsync();
        return fake;
    }

    private int? TakeFailure(HttpRequest request)
    {
        lock (_failures)
        {
            var path = request.Path.Value!.Replace("/api/v10/", "");
            var index = _failures.FindIndex(f => f.Method == request.Method && path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (index < 0) return null;
            var status = _failures[index].Status;
            _failures.RemoveAt(index);
            return status;
        }
    }

    private async Task RecordAsync(HttpRequest request)
    {
        request.EnableBuffering();
        JsonNode? json = null;
        var files = new List<(string, string, byte[])>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            if (form.TryGetValue("payload_json", out var payload)) json = JsonNode.Parse(payload.ToString());
            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content);
                files.Add((file.Name, file.FileName, content.ToArray()));
            }
        }
        else if (request.ContentLength > 0)
        {
            json = await JsonNode.ParseAsync(request.Body);
        }
        request.Body.Position = 0;
        DiscordJsonDump.Save(DiscordJsonDump.KindOf(request.Method, request.Path.Value!.Replace("/api/v10/", "")), json);
        Calls.Enqueue(new DiscordCall(request.Method, request.Path.Value!.Replace("/api/v10/", ""), request.Headers.Authorization.FirstOrDefault(), json, files)
        {
            At = _clock.Elapsed,
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
