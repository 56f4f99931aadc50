using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Channels.Teams;
using Bot.Store;
using Bot.Tests.Support;
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
    private readonly TempDatabase _database = new();
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        _database.Dispose();
    }

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
}
