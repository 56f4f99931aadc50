using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Channels.Teams;
using Bot.Dialogs.Notices;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.Teams;

/// <summary>
/// Issue 14, finding 2: Teams is anonymous only on a machine of its own (no secret), and the bot
/// posts only to the Bot Framework's service URLs, never to one a request or a stored reference names.
/// A loopback listener (the fake connector) counts every request that reaches it.
/// </summary>
public sealed class TeamsServiceUrlTests : IAsyncLifetime
{
    private const string Off = "Teams n'est pas activé sur ce serveur.";
    private const string Refused = "Ce bot ne répond qu'aux services Bot Framework de Microsoft : cette adresse de service est refusée.";
    private readonly TempDatabase _database = new();
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>A bot registered with the Bot Framework (an app id), whose token check is the test's stand-in.</summary>
    private BotApp WithAnAppId() => new(_database.ConnectionString, Clocks.At(Clocks.Sunday),
        services: s => s.AddSingleton<BotFrameworkAuthentication>(new TestBotAuthentication()),
        settings: new Dictionary<string, string>
        {
            ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
            ["MicrosoftAppTenantId"] = "00000000-0000-0000-0000-000000000002", ["MicrosoftAppPassword"] = "test-only-app-password",
        });

    private static HttpRequestMessage Message(string serviceUrl, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(new JsonObject
            {
                ["type"] = "message", ["id"] = "1", ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl, ["text"] = "aide",
                ["from"] = new JsonObject { ["id"] = "29:lea", ["aadObjectId"] = "aad-lea", ["name"] = "Léa" },
                ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Peer to Peer" },
                ["conversation"] = new JsonObject { ["id"] = "a:conv-1", ["conversationType"] = "personal" },
            }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static async Task<string?> MessageOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["message"]?.GetValue<string>();

    /// <summary>Ways to reach people kept, turns run, people met: what a refused request must leave at zero.</summary>
    private static async Task<int> KeptAsync(BotApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        return await db.Set<TeamsConversation>().CountAsync() + await db.ProcessedTurns.CountAsync() + await db.People.CountAsync();
    }

    [Fact]
    public async Task WithASecretAndNoAppId_TheEndpointIsOff_CallersGetA404_AndNothingIsPosted()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday), secret: DeploymentTests.Secret);
        using var http = app.CreateClient();

        // From this very machine, as the review sent it: a real deployment has no anonymous Teams.
        using var response = await http.SendAsync(Message(_connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Off, await MessageOf(response));
        Assert.Equal(0, _connector.Requests);
        Assert.Equal(0, await KeptAsync(app));
    }

    public static TheoryData<string> NotTheBotFrameworks => new()
    {
        "{connector}", "{connector on localhost}", "https://evil.example/", "https://smba.trafficmanager.net.evil.example/teams/",
    };

    [Theory]
    [MemberData(nameof(NotTheBotFrameworks))]
    public async Task WithAnAppId_AnActivityNamingAnotherServiceUrl_IsRefused_AndNothingIsPosted(string serviceUrl)
    {
        await using var app = WithAnAppId();
        using var http = app.CreateClient();
        serviceUrl = serviceUrl
            .Replace("{connector}", _connector.ServiceUrl, StringComparison.Ordinal)
            .Replace("{connector on localhost}", _connector.ServiceUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), StringComparison.Ordinal);

        using var response = await http.SendAsync(Message(serviceUrl, TestBotAuthentication.Bearer));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Refused, await MessageOf(response));
        Assert.Equal(0, _connector.Requests);
        Assert.Equal(0, await KeptAsync(app));
    }

    [Fact]
    public async Task WithAnAppId_AnotherToken_Is401()
    {
        await using var app = WithAnAppId();
        using var http = app.CreateClient();
        using var response = await http.SendAsync(Message(_connector.ServiceUrl, "Bearer other-header.other-claims.other-signature"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _connector.Requests);
    }

    [Fact]
    public async Task Anonymously_OnThisMachine_AServiceUrlOffThisMachine_IsRefused()
    {
        await using var app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        using var response = await http.SendAsync(Message("https://evil.example/"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Refused, await MessageOf(response));
        Assert.Equal(0, await KeptAsync(app));
    }

    [Fact]
    public async Task AStoredWayToReachAPupil_ThroughAnotherServiceUrl_IsNeverPostedTo()
    {
        await using var app = WithAnAppId();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            var reference = new ConversationReference
            {
                ServiceUrl = _connector.ServiceUrl, ChannelId = "msteams", Conversation = new ConversationAccount(id: "a:conv-lea"),
                User = new ChannelAccount("29:lea", "Léa", aadObjectId: "aad-lea"), Bot = new ChannelAccount("28:bot", "Peer to Peer"),
            };
            db.Add(new TeamsConversation
            {
                UserId = "aad-lea", Reference = Newtonsoft.Json.JsonConvert.SerializeObject(reference), UpdatedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        }

        using var send = app.Services.CreateScope();
        var teams = send.ServiceProvider.GetServices<IChannelNotifier>().Single(n => n.Channel == "teams");
        var delivery = await teams.SendAsync("aad-lea", [new Bot.Dialogs.Engine.TextReply("🎉 Bonne nouvelle !")], "test-delivery", default);

        Assert.Equal(DeliveryStatus.Unreachable, delivery.Status);
        Assert.Equal(0, _connector.Requests);
    }
}

/// <summary>Which service URLs the bot posts to, by mode: the default list, a configured one, loopback on a machine of its own.</summary>
public class TeamsServiceUrlPolicyTests
{
    private static TeamsAccess Access(TeamsMode mode, params string[] hosts) =>
        TeamsAccess.From(mode == TeamsMode.BotFramework ? "00000000-0000-0000-0000-000000000001" : null, mode == TeamsMode.Off,
            new TeamsOptions { AllowedServiceUrlHosts = hosts });

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/teams/")]
    [InlineData("https://SMBA.trafficmanager.net/amer/")]
    [InlineData("https://webchat.botframework.com/")]
    [InlineData("https://europe.directline.botframework.com/")]
    public void TheBotFrameworksServiceUrls_AreAllowed_ByDefault(string serviceUrl) =>
        Assert.True(Access(TeamsMode.BotFramework).Allows(serviceUrl));

    [Theory]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net:8443/emea/")]
    [InlineData("https://smba.trafficmanager.net./emea/")]
    [InlineData("https://other.smba.trafficmanager.net/emea/")]
    [InlineData("https://someone@smba.trafficmanager.net/emea/")]
    [InlineData("https://botframework.com.evil.example/")]
    [InlineData("https://evilbotframework.com/")]
    [InlineData("https://botframework.com/")]
    [InlineData("https://127.0.0.1/")]
    [InlineData("http://127.0.0.1:3978/")]
    [InlineData("http://localhost:3978/")]
    [InlineData("http://[::1]:3978/")]
    [InlineData("/v3/conversations")]
    [InlineData("ftp://smba.trafficmanager.net/")]
    [InlineData("smba.trafficmanager.net")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElse_IsRefused_WithAnAppId(string? serviceUrl) =>
        Assert.False(Access(TeamsMode.BotFramework).Allows(serviceUrl));

    [Theory]
    [InlineData("http://127.0.0.1:3978/", true)]
    [InlineData("http://localhost:3978/", true)]
    [InlineData("http://[::1]:3978/", true)]
    [InlineData("https://smba.trafficmanager.net/emea/", true)]
    [InlineData("https://evil.example/", false)]
    [InlineData("http://127.0.0.1.nip.io:3978/", false)]
    [InlineData("file:///etc/passwd", false)]
    public void OnAMachineOfItsOwn_LoopbackIsAllowedToo(string serviceUrl, bool allowed) =>
        Assert.Equal(allowed, Access(TeamsMode.Local).Allows(serviceUrl));

    [Fact]
    public void AConfiguredList_ReplacesTheDefaults()
    {
        var gcc = Access(TeamsMode.BotFramework, "smba.infra.gcc.teams.microsoft.com");
        Assert.True(gcc.Allows("https://smba.infra.gcc.teams.microsoft.com/teams"));
        Assert.False(gcc.Allows("https://smba.trafficmanager.net/emea/"));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net")]
    [InlineData("smba.trafficmanager.net/emea")]
    [InlineData("smba.trafficmanager.net:443")]
    [InlineData("*")]
    [InlineData("*.com")]
    [InlineData("")]
    public void AServiceUrlHostThatIsNotAHostName_StopsTheStart_WithAClearMessage(string host)
    {
        using var database = new TempDatabase();
        using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday),
            settings: new Dictionary<string, string> { ["Teams:AllowedServiceUrlHosts:0"] = host });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Teams:AllowedServiceUrlHosts holds host names only", error.ToString());
    }
}
