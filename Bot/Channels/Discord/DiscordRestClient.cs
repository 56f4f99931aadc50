using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Bot.Channels.Discord;

/// <summary>An error answer from Discord's REST API, with its JSON error code (50007: the user does not accept DMs).</summary>
public sealed class DiscordApiException(HttpStatusCode status, int? code, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public int? Code { get; } = code;
    /// <summary>On a 429: how long Discord said to wait.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>A file sent with a message; <paramref name="Description"/> is an image's alt text.</summary>
public sealed record DiscordFile(string Name, string ContentType, byte[] Content, string? Description = null);

/// <summary>
/// Discord's REST API: a typed HttpClient whose handlers wait out rate limits, keep to Discord's
/// limits and retry what is safe to repeat (<see cref="DiscordResilience"/>). What they give up on
/// is a <see cref="DiscordApiException"/>. Webhook calls (follow-ups of an interaction) carry no
/// Authorization: the token is the credential.
/// </summary>
public sealed class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options)
{
    public Task<JsonNode?> SendJsonAsync(HttpMethod method, string path, JsonNode? body, bool asBot, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(Shared.ChannelJson.Options), Encoding.UTF8, "application/json");
        return SendAsync(request, asBot, ct);
    }

    /// <summary>multipart/form-data: part payload_json, then files[n] matching attachments[].id.</summary>
    public Task<JsonNode?> SendFilesAsync(HttpMethod method, string path, JsonObject payload,
        IReadOnlyList<DiscordFile> files, bool asBot, CancellationToken ct)
    {
        payload["attachments"] = new JsonArray([.. files.Select((f, i) =>
        {
            var attachment = new JsonObject { ["id"] = i, ["filename"] = f.Name };
            if (f.Description is not null) attachment["description"] = f.Description;
            return (JsonNode)attachment;
        })]);
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
        return SendAsync(new HttpRequestMessage(method, path) { Content = form }, asBot, ct);
    }

    private async Task<JsonNode?> SendAsync(HttpRequestMessage request, bool asBot, CancellationToken ct)
    {
        using var _ = request;
        if (asBot) request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.Value.BotToken);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (TimeoutRejectedException ex)
        {
            // As HttpClient reports its own timeout: callers need not know the pipeline.
            throw new TaskCanceledException($"Discord did not answer {request.Method} {DiscordRoutes.Redact(request.RequestUri)} in time",
                new TimeoutException(ex.Message, ex));
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                var error = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : null;
                var retryAfter = response.StatusCode == HttpStatusCode.TooManyRequests
                    ? DiscordRateLimit.Read(text, response).RetryAfter
                    : (TimeSpan?)null;
                throw new DiscordApiException(response.StatusCode, error?["code"]?.GetValue<int>(),
                    error?["message"]?.GetValue<string>() ?? response.ReasonPhrase ?? "", retryAfter);
            }
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
    }
}
