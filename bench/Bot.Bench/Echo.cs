using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Bench;

/// <summary>Where the echo bot posts its replies (the activity's serviceUrl): it takes them and says "ok", like a connector.</summary>
internal sealed class Connector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _received;
    public int Received => _received;

    private Connector(WebApplication app) => _app = app;

    public string ServiceUrl => LoopbackApp.Address(_app) + "/";

    public static async Task<Connector> StartAsync()
    {
        var app = LoopbackApp.Create();
        var connector = new Connector(app);
        app.MapPost("/v3/conversations/{conversation}/activities/{**rest}", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref connector._received);
            return Results.Json(new { id = "r" + connector._received });
        });
        await app.StartAsync();
        return connector;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A user of the echo bot: one message activity per turn, answered through the connector before the 200.</summary>
internal sealed class EchoUser(HttpClient http, string serviceUrl, string userId)
{
    private int _n;

    public async Task<(bool Ok, TimeSpan Latency, string? Error)> SayAsync(string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message", ["id"] = $"{userId}-{++_n}", ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = userId }, ["recipient"] = new JsonObject { ["id"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = "conv-" + userId }, ["text"] = text,
        };
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
            await response.Content.ReadAsByteArrayAsync();
            return (response.IsSuccessStatusCode, clock.Elapsed, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (false, clock.Elapsed, ex.GetType().Name);
        }
    }
}
