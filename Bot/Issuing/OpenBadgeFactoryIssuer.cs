using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Dialogs.Issuing;
using Bot.Dialogs.Programme;
using Microsoft.Extensions.Options;

namespace Bot.Issuing;

/// <summary>
/// Issues badges through Open Badge Factory's API v2: OAuth2 client credentials (token cached,
/// renewed once when refused), POST the issue event, then read the recipient's receive_url.
/// </summary>
internal sealed partial class OpenBadgeFactoryIssuer(HttpClient http, IOptions<OpenBadgeFactoryOptions> options, ObfTokenCache tokens, TimeProvider clock,
    ILogger<OpenBadgeFactoryIssuer> logger) : IBadgeIssuer
{
    private OpenBadgeFactoryOptions Options => options.Value;

    public bool CanIssue(BadgeDefinition badge) => Options.Enabled && !string.IsNullOrEmpty(badge.ObfBadgeId);

    public async Task<IssueOutcome> IssueAsync(BadgeDefinition badge, string email, string? name, CancellationToken ct)
    {
        try
        {
            var recipient = new JsonObject { ["email"] = email };
            if (name is not null) recipient["name"] = name;
            var body = new JsonObject
            {
                ["recipient"] = new JsonArray(recipient),
                ["api_consumer_id"] = "peer-to-peer-bot",
                ["issued_on"] = clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            using var issued = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"v2/event/{Options.ClientId}/{badge.ObfBadgeId}/issue")
            {
                Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            }, ct);
            if (!issued.IsSuccessStatusCode) return Fail(badge, $"Open Badge Factory a répondu {(int)issued.StatusCode} à l'envoi");
            var eventId = await EventIdAsync(issued, ct);
            if (eventId is null) return Fail(badge, "Open Badge Factory n'a pas donné d'identifiant d'envoi");

            using var recipients = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"v2/event/{Options.ClientId}/recipient?event_id={Uri.EscapeDataString(eventId)}"), ct);
            if (!recipients.IsSuccessStatusCode) return Fail(badge, $"Open Badge Factory a répondu {(int)recipients.StatusCode} pour le lien du badge");
            var url = ReceiveUrl(await recipients.Content.ReadAsStringAsync(ct), email);
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                return Fail(badge, "Open Badge Factory n'a pas donné de lien valable pour récupérer le badge");
            LogIssued(badge.Id, eventId);
            return IssueOutcome.Success(url);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or ObfAuthException)
        {
            LogFailed(ex, badge.Id);
            return IssueOutcome.Failure(ex is ObfAuthException ? ex.Message : "Open Badge Factory ne répond pas");
        }
    }

    /// <summary>Sends with the cached token; a 401 means it expired early: one new token, one retry.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var token = await tokens.GetAsync(FetchTokenAsync, rejected: null, ct);
        var response = await SendWith(build(), token, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
        response.Dispose();
        token = await tokens.GetAsync(FetchTokenAsync, rejected: token, ct);
        return await SendWith(build(), token, ct);
    }

    private Task<HttpResponseMessage> SendWith(HttpRequestMessage request, string token, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request, ct);
    }

    private async Task<(string, int)> FetchTokenAsync(CancellationToken ct)
    {
        using var response = await http.PostAsync("v2/client/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = Options.ClientId!, ["client_secret"] = Options.ClientSecret!,
        }), ct);
        if (!response.IsSuccessStatusCode) throw new ObfAuthException($"Open Badge Factory a refusé les identifiants ({(int)response.StatusCode})");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct));
        var token = json?["access_token"]?.GetValue<string>() ?? throw new ObfAuthException("Open Badge Factory n'a pas donné de jeton");
        var expiresIn = json["expires_in"] is JsonValue v && v.TryGetValue<int>(out var seconds) ? seconds : 3600;
        return (token, expiresIn);
    }

    // The event created by an issue: named by the Location header, else by the body's "id".
    private static async Task<string?> EventIdAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Headers.Location is { } location)
            return location.OriginalString.TrimEnd('/').Split('/')[^1];
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Length > 0 && JsonNode.Parse(body) is JsonObject o && o["id"] is JsonValue id ? id.ToString() : null;
    }

    // The recipients of an event: a JSON array, or an object with "recipients"; one line per recipient is also accepted.
    private static string? ReceiveUrl(string body, string email)
    {
        IEnumerable<JsonNode?> recipients = body.TrimStart().StartsWith('[') ? JsonNode.Parse(body)!.AsArray()
            : body.TrimStart().StartsWith('{') && JsonNode.Parse(body) is JsonObject { } o && o["recipients"] is JsonArray list ? list
            : body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line));
        var all = recipients.OfType<JsonObject>().ToList();
        var mine = all.FirstOrDefault(r => string.Equals(r["email"]?.GetValue<string>(), email, StringComparison.OrdinalIgnoreCase)) ?? all.FirstOrDefault();
        return mine?["receive_url"]?.GetValue<string>();
    }

    private IssueOutcome Fail(BadgeDefinition badge, string error)
    {
        LogRefused(badge.Id, error);
        return IssueOutcome.Failure(error);
    }

    private sealed class ObfAuthException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Badge {BadgeId} issued on Open Badge Factory, event {EventId}")]
    private partial void LogIssued(string badgeId, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Open Badge Factory did not issue badge {BadgeId}: {Error}")]
    private partial void LogRefused(string badgeId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Open Badge Factory call failed for badge {BadgeId}")]
    private partial void LogFailed(Exception exception, string badgeId);
}
