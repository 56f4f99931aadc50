using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>A local stand-in for a Bot Framework connector (the activity's serviceUrl): it records the bot's replies.</summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<(string Path, JsonNode Activity)> Replies { get; } = new();

    private FakeConnector(WebApplication app) => _app = app;

    public string ServiceUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeConnector(app);
        app.MapPost("/v3/conversations/{conversation}/activities", async (HttpRequest request) =>
        {
            fake.Replies.Enqueue((request.Path.Value!, (await JsonNode.ParseAsync(request.Body))!));
            return Results.Json(new { id = "proactive-" + fake.Replies.Count });
        });
        app.MapPost("/v3/conversations/{conversation}/activities/{**rest}", async (HttpRequest request) =>
        {
            fake.Replies.Enqueue((request.Path.Value!, (await JsonNode.ParseAsync(request.Body))!));
            return Results.Json(new { id = "reply-" + fake.Replies.Count });
        });
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
