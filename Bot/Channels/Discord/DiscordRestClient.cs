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
public sealed partial class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options, DiscordRateLimiter limits, ILogger<DiscordRestClient> logger)
{
    private const int Attempts = 5;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    public Task<JsonNode?> SendJsonAsync(HttpMethod method, string path, JsonNode? body, bool asBot, CancellationToken ct) =>
        SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body.ToJsonString(Shared.ChannelJson.Options), Encoding.UTF8, "application/json");
            return request;
        }, path, asBot, ct);

    /// <summary>multipart/form-data: part payload_json, then files[n] matching attachments[].id.</summary>
    public Task<JsonNode?> SendFilesAsync(HttpMethod method, string path, JsonObject payload, IReadOnlyList<(string Name, string ContentType, byte[] Content)> files, bool asBot, CancellationToken ct) =>
        SendAsync(() =>
        {
            payload["attachments"] = new JsonArray([.. files.Select((f, i) => (JsonNode)new JsonObject { ["id"] = i, ["filename"] = f.Name })]);
            var form = new MultipartFormDataContent
            {
                { new StringContent(payload.ToJsonString(Shared.ChannelJson.Options), Encoding.UTF8, "application/json"), "payload_json" },
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
            // Interaction webhooks (asBot false) are exempt from the global limit.
            await limits.WaitTurnAsync(route, countsGlobally: asBot, ct);
            using var request = build();
            if (asBot) request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.BotToken);
            request.Headers.UserAgent.ParseAdd("DiscordBot (https://www.vire-normandie.fr, 1.0)");
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            Remember(route, response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < Attempts)
            {
                var wait = RetryAfter(text, response);
                if (wait > LongestWait) wait = LongestWait;
                var global = response.Headers.Contains("X-RateLimit-Global") || (text.Contains("\"global\"", StringComparison.Ordinal) && JsonNode.Parse(text)?["global"]?.GetValue<bool>() == true);
                LogRateLimited(route, global, wait.TotalSeconds);
                if (global) limits.BlockAll(wait); else limits.BlockRoute(route, wait);
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

    // X-RateLimit-Limit, -Remaining, -Reset-After: the route's bucket, for the next calls to count against.
    private void Remember(string route, HttpResponseMessage response)
    {
        static double? Header(HttpResponseMessage r, string name) =>
            r.Headers.TryGetValues(name, out var values) && double.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        if (Header(response, "X-RateLimit-Limit") is { } limit && Header(response, "X-RateLimit-Remaining") is { } remaining && Header(response, "X-RateLimit-Reset-After") is { } reset)
            limits.Observe(route, (int)limit, (int)remaining, TimeSpan.FromSeconds(reset));
    }

    private static TimeSpan RetryAfter(string body, HttpResponseMessage response)
    {
        var seconds = body.TrimStart().StartsWith('{') && JsonNode.Parse(body)?["retry_after"] is JsonValue v && v.TryGetValue<double>(out var s) ? s
            : response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1;
        return TimeSpan.FromSeconds(Math.Max(seconds, 0.05));
    }

    // Buckets are per route and major parameter (channel, webhook): the path itself is a fair key.
    private static string RouteOf(string path) => path.Split('?')[0];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit on {Route} (global: {Global}): waiting {Seconds:F2} s")]
    private partial void LogRateLimited(string route, bool global, double seconds);
}
