using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.Teams;

public class TeamsEndpointTests
{
    private static JsonObject Message(string serviceUrl, string text, string id = "act-1") => new()
    {
        ["type"] = "message", ["id"] = id, ["channelId"] = "msteams", ["serviceUrl"] = serviceUrl, ["timestamp"] = "2026-11-29T10:00:00Z",
        ["from"] = new JsonObject { ["id"] = "29:lea", ["aadObjectId"] = "aad-lea", ["name"] = "Léa" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Peer to Peer" },
        ["conversation"] = new JsonObject { ["id"] = "a:conv-1", ["conversationType"] = "personal" },
        ["text"] = text,
    };

    private static StringContent Json(JsonObject activity) => new(activity.ToJsonString(), Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Basic abc")]
    public async Task WithAnAppId_AMissingOrMalformedToken_Is401(string? authorization)
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday), settings: new Dictionary<string, string>
        {
            ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001", ["MicrosoftAppTenantId"] = "00000000-0000-0000-0000-000000000002",
            ["MicrosoftAppPassword"] = "fake-password",
        });
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Json(Message("https://smba.example/", "aide")) };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Anonymously_OnThisMachine_ACommandWithTheBotsMention_IsAnsweredThroughTheConnector()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();

        var response = await http.PostAsync("/api/messages", Json(Message(connector.ServiceUrl, "<at>Peer to Peer</at> jai-partagé")));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");

        var texts = connector.Replies.Select(r => r.Activity["text"]?.GetValue<string>() ?? r.Activity["attachments"]?[0]?["content"]?["text"]?.GetValue<string>()).ToList();
        Assert.Contains(texts, t => t is not null && t.StartsWith("Salut ! 👋", StringComparison.Ordinal));
        Assert.All(connector.Replies, r => Assert.Equal("/v3/conversations/a:conv-1/activities/act-1", r.Path));
        // "jai-partagé" without the slash, the mention stripped: the session form, as one card.
        Assert.Equal("application/vnd.microsoft.card.adaptive", connector.Replies.Last().Activity["attachments"]![0]!["contentType"]!.GetValue<string>());

        await http.PostAsync("/api/messages", Json(Message(connector.ServiceUrl, "badges", "act-2")));
        var choices = connector.Replies.Last().Activity["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.hero", choices["contentType"]!.GetValue<string>());
        Assert.Equal("badge:engagement-citoyen", choices["content"]!["buttons"]![0]!["value"]!["choiceId"]!.GetValue<string>());
    }
}

public class TeamsJourneyTests
{
    [Fact]
    public async Task JaiPartage_ThroughTheAdaptiveCard_ToASavedContribution()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        JsonObject Activity(string id, string? text, JsonObject? value = null) => new()
        {
            ["type"] = "message", ["id"] = id, ["channelId"] = "msteams", ["serviceUrl"] = connector.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = "29:lea", ["aadObjectId"] = "aad-lea", ["name"] = "Léa" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" }, ["conversation"] = new JsonObject { ["id"] = "a:conv-1" },
            ["text"] = text, ["value"] = value,
        };
        async Task Post(JsonObject activity) =>
            Assert.True((await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);

        await Post(Activity("a1", "jai-partagé"));
        var card = connector.Replies.Last().Activity["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Equal("contribution", card["content"]!["actions"]![0]!["data"]!["formId"]!.GetValue<string>());

        await Post(Activity("a2", null, new JsonObject
        {
            ["formId"] = "contribution", ["date"] = "2026-11-27", ["shared"] = "Un atelier vinyle", ["learned"] = "La découpeuse",
            ["domain"] = "domain:Other", ["level"] = "level:2",
        }));
        var recap = connector.Replies.Last().Activity["attachments"]![0]!["content"]!;
        Assert.Contains("- **Date :** vendredi 27 novembre 2026", recap["text"]!.GetValue<string>());
        await Post(Activity("a3", "Oui, j'enregistre", new JsonObject { ["choiceId"] = "recap:yes" }));
        Assert.StartsWith("C'est enregistré ✅", connector.Replies.Last().Activity["text"]!.GetValue<string>());

        using var scope = app.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>().Contributions.SingleAsync();
        Assert.Equal(("Un atelier vinyle", 2), (saved.Shared, saved.Level));
    }
}

public class TeamsProactiveTests
{
    [Fact]
    public async Task AnApprovalNotice_ReachesAPupilOnTeams_ThroughTheStoredConversationReference()
    {
        await using var connector = await FakeConnector.StartAsync();
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        async Task Post(string id, string? text, JsonObject? value = null) =>
            Assert.True((await http.PostAsync("/api/messages", new StringContent(new JsonObject
            {
                ["type"] = "message", ["id"] = id, ["channelId"] = "msteams", ["serviceUrl"] = connector.ServiceUrl,
                ["from"] = new JsonObject { ["id"] = "29:lea", ["aadObjectId"] = "aad-lea", ["name"] = "Léa" },
                ["recipient"] = new JsonObject { ["id"] = "28:bot" }, ["conversation"] = new JsonObject { ["id"] = "a:conv-1" },
                ["text"] = text, ["value"] = value,
            }.ToJsonString(), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        await Post("a1", "badges");
        await Post("a2", "Demander", new JsonObject { ["choiceId"] = "badge:engagement-citoyen" });
        await Post("a3", "Sans message", new JsonObject { ["choiceId"] = "badge:nomessage" });

        // The counsellor decides in the web chat; Léa is reached on Teams.
        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.SayAsync("/demandes");
        var approve = (await counsellor.PollAsync()).Last()!["attachments"]![0]!["content"]!["buttons"]![0]!["value"]!["choiceId"]!.GetValue<string>();
        await counsellor.ClickAsync(approve, "Approuver");
        Assert.Contains(await counsellor.BotSaysAsync(), t => t.Contains("Je lui ai envoyé le lien"));

        // Bot Builder sends it as the answer to a continuation activity of its own making, in Léa's conversation.
        var notice = connector.Replies.Single(r => r.Activity["text"]?.GetValue<string>().StartsWith("🎉 Bonne nouvelle !", StringComparison.Ordinal) == true);
        Assert.StartsWith("/v3/conversations/a:conv-1/activities", notice.Path);
        Assert.DoesNotContain(new[] { "a1", "a2", "a3" }, id => notice.Path.EndsWith("/" + id, StringComparison.Ordinal));
    }
}
