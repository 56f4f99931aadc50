using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Teams;

/// <summary>Without a MicrosoftAppId, /api/messages is anonymous: for this machine only, checked before Bot Builder.</summary>
public sealed class TeamsAnonymousTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly CountingAdapter _adapter = new();
    private readonly BotApp _app;
    private readonly HttpClient _http;

    public TeamsAnonymousTests()
    {
        _app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday),
            services: s => s.AddSingleton<IBotFrameworkHttpAdapter>(_adapter));
        _http = _app.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
        _database.Dispose();
    }

    private static HttpRequestMessage Message() => new(HttpMethod.Post, "/api/messages")
    {
        Content = new StringContent(new JsonObject
        {
            ["type"] = "message", ["id"] = "1", ["channelId"] = "msteams", ["serviceUrl"] = "https://smba.example/",
            ["text"] = "aide",
            ["from"] = new JsonObject { ["id"] = "29:lea", ["aadObjectId"] = "aad-lea" },
            ["conversation"] = new JsonObject { ["id"] = "a:conv-1", ["conversationType"] = "personal" },
        }.ToJsonString(), Encoding.UTF8, "application/json"),
    };

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task ThisMachine_ReachesBotBuilder(string remote)
    {
        using var request = Message().From(_app, remote, null, null);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
        Assert.Equal(1, _adapter.Calls);
    }

    [Theory]
    [MemberData(nameof(Strangers.Requests), MemberType = typeof(Strangers))]
    public async Task AnyoneElse_Is403InFrench_AndBotBuilderNeverSeesIt(string? remote, string? header, string? value)
    {
        using var request = Message().From(_app, remote, header, value);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        // Without a secret the whole app refuses strangers before any endpoint runs.
        Assert.Equal("Ce chat n'est ouvert qu'à cet ordinateur (aucun secret configuré).",
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(0, _adapter.Calls);
    }

    /// <summary>Stands in for Bot Builder's CloudAdapter: counts the requests handed to it.</summary>
    private sealed class CountingAdapter : IBotFrameworkHttpAdapter
    {
        private int _calls;
        public int Calls => _calls;

        public Task ProcessAsync(HttpRequest httpRequest, HttpResponse httpResponse, IBot bot, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.CompletedTask;
        }
    }
}
