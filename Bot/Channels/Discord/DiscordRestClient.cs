using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

/// <summary>An error answer from Discord's REST API, with its JSON error code (50007: the user does not accept DMs).</summary>
public sealed class DiscordApiException(HttpStatusCode status, int? code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public int? Code { get; } = code;
}

/// <summary>
/// Discord's REST API with the bot token: a typed HttpClient that waits out a 429 (its retry_after,
/// bounded) and tries again, and never hammers (a route whose bucket is empty waits for its reset).
/// Webhook calls (follow-ups of an interaction) carry no Authorization: the token is the credential.
/// </summary>
public sealed partial class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options, ILogger<DiscordRestClient> logger)
{
    private const int Attempts = 3;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, DateTimeOffset> _blockedUntil = [];

    public Task<JsonNode?> SendJsonAsync(HttpMethod method, string path, JsonNode? body, bool asBot, CancellationToken ct) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body.ToJsonString(Bot.Channels.WebChat.ActivityMapper.Json), Encoding.UTF8, "application/json");
            return request;
        }, path, asBot, ct);

    /// <summary>multipart/form-data: part payload_json, then files[n] matching attachments[].id.</summary>
    public Task<JsonNode?> SendFilesAsync(HttpMethod method, string path, JsonObject payload, IReadOnlyList<(string Name, string ContentType, byte[] Content)> files, bool asBot, CancellationToken ct) =>
        SendAsync(() =>
        {
            payload["attachments"] = new JsonArray([.. files.Select((f, i) => (JsonNode)new JsonObject { ["id"] = i, ["filename"] = f.Name })]);
            var form = new MultipartFormDataContent
            {
                { new StringContent(payload.ToJsonString(Bot.Channels.WebChat.ActivityMapper.Json), Encoding.UTF8, "application/json"), "payload_json" },
            };
            for (var i = 0; i < files.Count; i++)
            {
                var part = new ByteArrayContent(files[i].Content);
                part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
                form.Add(part, $"files[{i}]", files[i].Name);
            }
            return new HttpRequestMessage(method, path) { Content = form };
        }, path, asBot, ct);

    private async Task<JsonNode?> SendAsync(Func<HttpRequestMessage> build, string path, bool asBot, CancellationToken ct)
    {
        var route = RouteOf(path);
        for (var attempt = 1; ; attempt++)
        {
            await WaitForBucketAsync(route, ct);
            using var request = build();
            if (asBot) request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.BotToken);
            request.Headers.UserAgent.ParseAdd("DiscordBot (https://www.vire-normandie.fr, 1.0)");
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            Remember(route, response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < Attempts)
            {
                var wait = RetryAfter(text, response);
                LogRateLimited(route, wait.TotalSeconds);
                await Task.Delay(wait < LongestWait ? wait : LongestWait, ct);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null;
                throw new DiscordApiException(response.StatusCode, error?["code"]?.GetValue<int>(), error?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? "");
            }
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
    }

    private async Task WaitForBucketAsync(string route, CancellationToken ct)
    {
        DateTimeOffset until;
        lock (_blockedUntil) until = _blockedUntil.GetValueOrDefault(route);
        var wait = until - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait < LongestWait ? wait : LongestWait, ct);
    }

    // X-RateLimit-Remaining 0 with X-RateLimit-Reset-After: the next call on this route waits.
    private void Remember(string route, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("X-RateLimit-Remaining", out var remaining) && remaining.FirstOrDefault() == "0"
            && response.Headers.TryGetValues("X-RateLimit-Reset-After", out var reset)
            && double.TryParse(reset.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            lock (_blockedUntil) _blockedUntil[route] = DateTimeOffset.UtcNow.AddSeconds(seconds);
    }

    private static TimeSpan RetryAfter(string body, HttpResponseMessage response)
    {
        var seconds = body.TrimStart().StartsWith('{') && JsonNode.Parse(body)?["retry_after"] is JsonValue v && v.TryGetValue<double>(out var s) ? s
            : response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1;
        return TimeSpan.FromSeconds(Math.Max(seconds, 0.05));
    }

    // Buckets are per route and major parameter (channel, webhook): the path itself is a fair key.
    private static string RouteOf(string path) => path.Split('?')[0];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit on {Route}: waiting {Seconds:F2} s")]
    private partial void LogRateLimited(string route, double seconds);
}
