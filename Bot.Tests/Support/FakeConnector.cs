using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests.Support;

/// <summary>A local stand-in for a Bot Framework connector (the activity's serviceUrl): it records the bot's replies.</summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<(string Path, JsonNode Activity)> Replies { get; } = new();

    /// <summary>Cards the bot updated (PUT …/activities/{id}, Teams' updateActivity).</summary>
    public ConcurrentQueue<(string Path, JsonNode Activity)> Updates { get; } = new();

    /// <summary>Every request that reached this listener, on any path: what a refused service URL must leave at zero.</summary>
    public int Requests => _requests;
    private int _requests;

    /// <summary>Conversations whose posts get this status instead (403: the user blocked or uninstalled the app; 429: slow down).</summary>
    public ConcurrentDictionary<string, int> Failing { get; } = new();

    private FakeConnector(WebApplication app) => _app = app;

    public string ServiceUrl => LoopbackApp.Address(_app) + "/";

    public static async Task<FakeConnector> StartAsync()
    {
        var app = LoopbackApp.Create();
        var fake = new FakeConnector(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref fake._requests);
            return next(context);
        });
        async Task<IResult> Post(HttpRequest request, string conversation)
        {
            if (fake.Failing.TryGetValue(conversation, out var status))
                return Results.Json(new { error = new { code = status == 403 ? "BotDisabledByAdmin" : "Throttled", message = "refused by the fake" } }, statusCode: status);
            fake.Replies.Enqueue((request.Path.Value!, (await JsonNode.ParseAsync(request.Body))!));
            return Results.Json(new { id = "activity-" + fake.Replies.Count });
        }
        // A new message, or an answer to an activity (replyToId in the path).
        app.MapPost("/v3/conversations/{conversation}/activities", Post);
        app.MapPost("/v3/conversations/{conversation}/activities/{**replyTo}", Post);
        app.MapPut("/v3/conversations/{conversation}/activities/{activityId}", async (HttpRequest request) =>
        {
            fake.Updates.Enqueue((request.Path.Value!, (await JsonNode.ParseAsync(request.Body))!));
            return Results.Json(new { id = request.RouteValues["activityId"] });
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
