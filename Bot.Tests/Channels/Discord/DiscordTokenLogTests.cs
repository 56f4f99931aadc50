using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Channels.Discord;

/// <summary>
/// Issue 14, finding 8c: an interaction token is a credential for 15 minutes (it is in the webhook
/// URLs of follow-ups): it must never reach the logs, whatever the level.
/// </summary>
public sealed class DiscordTokenLogTests : IAsyncLifetime
{
    private const string App = "1300000000000000000", CounsellorRole = "1290000000000000777";
    private readonly string _token = "test-interaction-token-" + Guid.NewGuid().ToString("N");
    private readonly TempDatabase _database = new();
    private readonly LogCapture _logs = new();
    private readonly NSec.Cryptography.Key _key = DiscordClient.NewKey();
    private FakeDiscord _discord = null!;
    private BotApp _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        // Every level, the HTTP client's own categories included: the token must not be there even when all is logged.
        var settings = DiscordClient.Settings(_key, _discord.BaseUrl, ("Discord:CounsellorRoleIds:0", CounsellorRole),
            ("Logging:LogLevel:Default", "Trace"), ("Logging:LogLevel:System.Net.Http", "Trace"), ("Logging:LogLevel:Polly", "Trace"));
        _app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday), services: s => s.AddSingleton<ILoggerProvider>(_logs),
            settings: settings);
        _http = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _discord.DisposeAsync();
        _key.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ADeferredTurnWithFollowUps_RetriedAndRateLimited_NeverLogsItsInteractionToken()
    {
        var lea = new DiscordClient(_http, _key);
        foreach (var badge in new[] { "engagement-citoyen", "competences-numeriques" })
        {
            await lea.CommandAsync("badges");
            await lea.ClickAsync($"badge:{badge}");
            await lea.ClickAsync("badge:nomessage");
        }
        var counsellor = new DiscordClient(_http, _key, "80351110224670000", "Mme Martin", [CounsellorRole]);
        await counsellor.CommandAsync("aide");
        // Discord fails the first edit (retried) and rate-limits the first follow-up (waited out).
        _discord.FailNext("PATCH", $"webhooks/{App}/{_token}/messages/@original");
        _discord.FailNext("POST", $"webhooks/{App}/{_token}", 429);

        // The turn waits behind another writer past Discord's 3 seconds: deferred, then finished with the token.
        var held = await _app.Services.GetRequiredService<Bot.Store.SqliteWriteGate>().EnterAsync(default);
        var demandes = counsellor.Interaction(2, new JsonObject { ["id"] = "1", ["name"] = "demandes", ["type"] = 1 });
        demandes["token"] = _token;
        var answer = counsellor.SendAsync(demandes);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await held.DisposeAsync();
        Assert.Equal(5, (await answer)["type"]!.GetValue<int>());

        // Two edits (the failed one, the good one), three follow-ups (the limited one, then one card per request).
        int Calls(string method) => _discord.Calls.Count(c => c.Method == method && c.Path.Contains(_token, StringComparison.Ordinal));
        for (var i = 0; i < 400 && (Calls("PATCH") < 2 || Calls("POST") < 3); i++) await Task.Delay(25);
        Assert.Equal((2, 3), (Calls("PATCH"), Calls("POST")));
        await Task.Delay(500); // what the client logs once the answers are back

        Assert.Contains(_logs.Entries, e => e.Contains($"webhooks/{App}/", StringComparison.Ordinal)); // the calls were logged...
        Assert.DoesNotContain(_logs.Entries, e => e.Contains(_token, StringComparison.Ordinal)); // ...without their token
    }

    [Theory]
    [InlineData("/api/v10/webhooks/1300000000000000000/aW50ZXJhY3Rpb24/messages/@original", "/api/v10/webhooks/1300000000000000000/***/messages/@original")]
    [InlineData("webhooks/1300000000000000000/aW50ZXJhY3Rpb24", "webhooks/1300000000000000000/***")]
    [InlineData("channels/1290000000000000100/messages", "channels/1290000000000000100/messages")]
    [InlineData("users/@me/channels", "users/@me/channels")]
    public void ALoggedRoute_HasItsWebhookTokenMasked(string path, string logged) =>
        Assert.Equal(logged, Bot.Channels.Discord.DiscordRoutes.Redact(path));
}

/// <summary>HttpClient's own logs, for every client of the app, say only what went wrong (appsettings.json).</summary>
public class HttpClientLogLevelTests
{
    [Fact]
    public async Task TheHttpClientsOwnLogs_AreWarningsAndAbove_ForTheWholeApp()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("System.Net.Http.HttpClient.Any.LogicalHandler");
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }
}
