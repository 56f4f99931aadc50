using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests.Support;

/// <summary>
/// A local stand-in for Open Badge Factory's API v2, on loopback, following its documented contract:
/// POST v2/client/oauth2/token (client credentials, form) → {access_token, expires_in};
/// POST v2/event/{client}/{badge}/issue (Bearer) → 201 with the event in Location;
/// GET v2/event/{client}/recipient?event_id= → the recipients with their receive_url.
/// It can fail issues with 500 and expire its tokens early.
/// </summary>
public sealed class FakeOpenBadgeFactory : IAsyncDisposable
{
    public const string ClientId = "CLIENT1";
    public const string ClientSecret = "fake-secret";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _tokens = new();
    private readonly ConcurrentDictionary<string, (string Badge, string Email)> _events = new();
    private int _failures;

    public int TokenRequests;
    public ConcurrentQueue<(string Badge, string Email, string? Name)> Issued { get; } = new();

    private FakeOpenBadgeFactory(WebApplication app) => _app = app;

    public string BaseUrl => LoopbackApp.Address(_app);

    /// <summary>The next <paramref name="count"/> issue calls answer 500.</summary>
    public void FailNextIssues(int count) => Interlocked.Exchange(ref _failures, count);

    /// <summary>Every token given so far stops working, as if it had expired.</summary>
    public void ExpireTokens() => _tokens.Clear();

    public static async Task<FakeOpenBadgeFactory> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeOpenBadgeFactory(app);

        app.MapPost("/v2/client/oauth2/token", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref fake.TokenRequests);
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
                return Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: 401);
            var token = Guid.NewGuid().ToString("N");
            fake._tokens[token] = true;
            return Results.Json(new JsonObject { ["access_token"] = token, ["token_type"] = "bearer", ["expires_in"] = 3600 });
        });
        app.MapPost("/v2/event/{client}/{badge}/issue", async (string client, string badge, HttpRequest request) =>
        {
            if (!fake.Authorized(request) || client != ClientId) return Results.StatusCode(401);
            if (Interlocked.Decrement(ref fake._failures) >= 0) return Results.StatusCode(500);
            var body = await JsonNode.ParseAsync(request.Body);
            var recipient = body!["recipient"]![0]!;
            var email = recipient["email"]!.GetValue<string>();
            var eventId = Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
            fake._events[eventId] = (badge, email);
            fake.Issued.Enqueue((badge, email, recipient["name"]?.GetValue<string>()));
            return Results.Created($"/v2/event/{client}/{eventId}", null);
        });
        app.MapGet("/v2/event/{client}/recipient", (string client, string event_id, HttpRequest request) =>
        {
            if (!fake.Authorized(request) || client != ClientId) return Results.StatusCode(401);
            if (!fake._events.TryGetValue(event_id, out var issued)) return Results.StatusCode(404);
            return Results.Json(new JsonObject
            {
                ["recipients"] = new JsonArray(new JsonObject
                {
                    ["email"] = issued.Email, ["receive_url"] = $"https://openbadgefactory.com/c/receive/{event_id}",
                }),
            });
        });
        await app.StartAsync();
        return fake;
    }

    private bool Authorized(HttpRequest request) =>
        request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ") && _tokens.ContainsKey(header[7..]);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
