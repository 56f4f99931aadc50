using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using Bot.Channels.Teams;
using Bot.Store;
using Bot.Tests.Support;

namespace Bot.Tests.Channels.Teams;

public class TeamsEndpointTests
{
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
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(new JsonObject { ["type"] = "message", ["text"] = "aide", ["serviceUrl"] = "https://smba.example/" }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Anonymously_OnThisMachine_ACommandWithTheBotsMention_IsAnsweredThroughTheConnector()
    {
        await using var teams = await TeamsApp.StartAsync();
        var (connector, app, http) = (teams.Connector, teams.App, teams.Http);
        var lea = new TeamsClient(http, connector, "aad-lea", "Léa", "a:conv-1");

        await lea.SayAsync("<at>Peer to Peer</at> jai-partagé");
        var texts = lea.Replies.Select(r => r["text"]?.GetValue<string>() ?? TeamsClient.CardContent(r)?["text"]?.GetValue<string>()).ToList();
        Assert.Contains(texts, t => t is not null && t.StartsWith("Salut ! 👋", StringComparison.Ordinal));
        Assert.All(connector.Replies, r => Assert.Equal("/v3/conversations/a:conv-1/activities/aad-lea-1", r.Path));
        // "jai-partagé" without the slash, the mention stripped: the session form, as one card.
        Assert.Equal("application/vnd.microsoft.card.adaptive", lea.Replies.Last()["attachments"]![0]!["contentType"]!.GetValue<string>());

        await lea.SayAsync("badges");
        var choices = lea.Replies.Last()["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.hero", choices["contentType"]!.GetValue<string>());
        Assert.Equal("badge:engagement-citoyen", choices["content"]!["buttons"]![0]!["value"]!["choiceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AQrCode_IsAnInlinePng_ThatDecodesBackToTheLink()
    {
        const string link = "https://openbadgepassport.com/app/badge/info/12345";
        await using var teams = await TeamsApp.StartAsync();
        var (connector, app, http) = (teams.Connector, teams.App, teams.Http);
        var lea = new TeamsClient(http, connector, "aad-lea", "Léa", "a:conv-1");

        await lea.SayAsync("qr " + link);
        var image = lea.Replies.Select(TeamsClient.Attachment).Single(a => a?["contentType"]?.GetValue<string>() == "image/png")!;
        var url = image["contentUrl"]!.GetValue<string>();
        Assert.StartsWith("data:image/png;base64,", url);
        Assert.Equal(link, QrImages.Decode(Convert.FromBase64String(url["data:image/png;base64,".Length..])));
    }
}

public class TeamsJourneyTests
{
    [Fact]
    public async Task JaiPartage_ThroughTheAdaptiveCard_ToASavedContribution()
    {
        await using var teams = await TeamsApp.StartAsync();
        var (connector, app, http) = (teams.Connector, teams.App, teams.Http);
        var lea = new TeamsClient(http, connector, "aad-lea", "Léa", "a:conv-1");

        await lea.SayAsync("jai-partagé");
        var card = lea.Replies.Last()["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Equal("contribution", card["content"]!["actions"]![0]!["data"]!["formId"]!.GetValue<string>());

        await lea.SayAsync(null, new JsonObject
        {
            ["formId"] = "contribution", ["date"] = "2026-11-27", ["shared"] = "Un atelier vinyle", ["learned"] = "La découpeuse",
            ["domain"] = "domain:Other", ["level"] = "level:2",
        });
        Assert.Contains("- **Date :** vendredi 27 novembre 2026", TeamsClient.CardContent(lea.Replies.Last())!["text"]!.GetValue<string>());
        await lea.SayAsync("Oui, j'enregistre", new JsonObject { ["choiceId"] = "recap:yes" });
        Assert.StartsWith("C'est enregistré ✅", lea.Replies.Last()["text"]!.GetValue<string>());

        using var scope = app.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Contributions.SingleAsync();
        Assert.Equal(("Un atelier vinyle", 2), (saved.Shared, saved.Level));
    }
}

/// <summary>The counsellor on Teams: each request a card; a click updates that card; the pupils hear of it in their own chat.</summary>
public class TeamsReviewTests : IAsyncLifetime
{
    private TeamsApp _teams = null!;
    private TeamsClient _lea = null!, _counsellor = null!;

    public async Task InitializeAsync()
    {
        _teams = await TeamsApp.StartAsync(new Dictionary<string, string> { ["Teams:CounsellorIds:0"] = "aad-martin" });
        _lea = _teams.Client("aad-lea", "Léa", "a:conv-lea");
        _counsellor = _teams.Client("aad-martin", "Mme Martin", "a:conv-martin");
    }

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    private async Task RequestAsync(string badge)
    {
        await _lea.SayAsync("badges");
        await _lea.SayAsync("Demander", new JsonObject { ["choiceId"] = $"badge:{badge}" });
        await _lea.SayAsync("Sans message", new JsonObject { ["choiceId"] = "badge:nomessage" });
    }

    /// <summary>The cards of "demandes" that hold a request to decide.</summary>
    private async Task<List<JsonNode>> RequestCardsAsync()
    {
        var before = _counsellor.Replies.Count;
        await _counsellor.SayAsync("demandes");
        return [.. _counsellor.Replies.Skip(before).Select(TeamsClient.CardContent).OfType<JsonNode>().Where(c => c["actions"] is JsonArray { Count: 2 })];
    }

    private static JsonObject Data(JsonNode card, int button) => card["actions"]![button]!["data"]!.DeepClone().AsObject();

    [Fact]
    public async Task Approving_UpdatesTheRequestsCard_AndThePupilIsToldInHerChat()
    {
        await RequestAsync("engagement-citoyen");
        var card = Assert.Single(await RequestCardsAsync());
        Assert.Contains("Léa", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(["Approuver", "Refuser"], card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));

        await _counsellor.SayAsync(null, Data(card, 0), replyToId: "card-1");

        var (path, updated) = Assert.Single(_teams.Connector.Updates);
        Assert.Equal("/v3/conversations/a:conv-martin/activities/card-1", path);
        Assert.Equal("card-1", updated["id"]!.GetValue<string>());
        var content = TeamsClient.CardContent(updated)!;
        Assert.Empty(content["actions"]!.AsArray()); // decided: no more buttons
        Assert.Equal(card["body"]![0]!["text"]!.GetValue<string>(), content["body"]![0]!["text"]!.GetValue<string>());
        Assert.StartsWith("✅ C'est validé : Léa peut recevoir le badge « Reconnaissance & valorisation – Engagement citoyen ».", content["body"]![1]!["text"]!.GetValue<string>());
        await _teams.App.DeliverOutboxAsync();
        Assert.Contains(_lea.Replies, r => r["text"]?.GetValue<string>().StartsWith("🎉 Bonne nouvelle !", StringComparison.Ordinal) == true);

        using var scope = _teams.App.Services.CreateScope();
        var request = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().BadgeRequests.SingleAsync();
        Assert.Equal((Bot.Dialogs.Badges.BadgeRequestStatus.Approved, "Mme Martin"), (request.Status, request.DecidedBy));
    }

    [Fact]
    public async Task Refusing_TurnsTheCardIntoTheReasonForm_ThenIntoTheOutcome()
    {
        await RequestAsync("engagement-citoyen");
        var card = Assert.Single(await RequestCardsAsync());
        await _counsellor.SayAsync(null, Data(card, 1), replyToId: "card-1");
        var form = TeamsClient.CardContent(_teams.Connector.Updates.Last().Activity)!;
        Assert.Equal("reason", form["body"]![2]!["id"]!.GetValue<string>());
        var submit = form["actions"]![0]!["data"]!.DeepClone().AsObject();
        submit["reason"] = "Il manque deux séances ce trimestre.";

        await _counsellor.SayAsync(null, submit, replyToId: "card-1");

        var outcome = TeamsClient.CardContent(_teams.Connector.Updates.Last().Activity)!;
        Assert.Empty(outcome["actions"]!.AsArray());
        Assert.StartsWith("C'est noté : la demande de Léa pour le badge « Reconnaissance & valorisation – Engagement citoyen » est refusée.", outcome["body"]!.AsArray().Last()!["text"]!.GetValue<string>());
        await _teams.App.DeliverOutboxAsync();
        Assert.Contains(_lea.Replies, r => r["text"]?.GetValue<string>().Contains("Il manque deux séances ce trimestre.") == true);
    }

    [Fact]
    public async Task APupilReplayingTheCounsellorsButton_ChangesNothing()
    {
        await RequestAsync("engagement-citoyen");
        var card = Assert.Single(await RequestCardsAsync());
        await _lea.SayAsync(null, Data(card, 0), replyToId: "card-1");

        Assert.DoesNotContain(_lea.Replies, r => r["text"]?.GetValue<string>().StartsWith("🎉", StringComparison.Ordinal) == true);
        Assert.Contains(_teams.Connector.Updates, u => u.Path.Contains("a:conv-lea") && TeamsClient.CardContent(u.Activity)!["body"]!.AsArray().Last()!["text"]!.GetValue<string>() == Bot.Dialogs.Engine.EngineTexts.CounsellorOnly);
        using var scope = _teams.App.Services.CreateScope();
        Assert.Equal(Bot.Dialogs.Badges.BadgeRequestStatus.Pending, (await scope.ServiceProvider.GetRequiredService<StoreDbContext>().BadgeRequests.SingleAsync()).Status);
    }

    [Fact]
    public async Task APupilWhoBlockedTheApp_IsRemembered_AndListedInTheDigest()
    {
        await RequestAsync("engagement-citoyen");
        _teams.Connector.Failing["a:conv-lea"] = 403;
        var card = Assert.Single(await RequestCardsAsync());
        await _counsellor.SayAsync(null, Data(card, 0), replyToId: "card-1");
        // Nothing told the bot yet: the notice is tried after the commit, and Teams answers 403.
        Assert.Contains("Je lui envoie le lien", TeamsClient.CardContent(_teams.Connector.Updates.Last().Activity)!["body"]![1]!["text"]!.GetValue<string>());
        await _teams.App.DeliverOutboxAsync();

        using var scope = _teams.App.Services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<TeamsConversation>().SingleAsync(c => c.UserId == "aad-lea")).Blocked);
        var digest = await scope.ServiceProvider.GetRequiredService<Bot.Dialogs.Reminders.ProactiveMessages>().DigestAsync(null, default);
        Assert.Contains("Je n'ai pas pu prévenir de votre décision : Léa", Assert.IsType<Bot.Dialogs.Engine.ChoicesReply>(digest![0]).Text);
    }
}

public class TeamsProactiveTests
{
    [Fact]
    public async Task AnApprovalNotice_ReachesAPupilOnTeams_ThroughTheStoredConversationReference()
    {
        await using var teams = await TeamsApp.StartAsync();
        var (connector, app, http) = (teams.Connector, teams.App, teams.Http);
        var lea = new TeamsClient(http, connector, "aad-lea", "Léa", "a:conv-1");
        await lea.SayAsync("badges");
        await lea.SayAsync("Demander", new JsonObject { ["choiceId"] = "badge:engagement-citoyen" });
        await lea.SayAsync("Sans message", new JsonObject { ["choiceId"] = "badge:nomessage" });

        // The counsellor decides in the web chat; Léa is reached on Teams.
        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.SayAsync("/demandes");
        var approve = (await counsellor.PollAsync()).Last()!["attachments"]![0]!["content"]!["buttons"]![0]!["value"]!["choiceId"]!.GetValue<string>();
        await counsellor.ClickAsync(approve, "Approuver");
        Assert.Contains(await counsellor.BotSaysAsync(), t => t.Contains("Je lui envoie le lien"));
        await app.DeliverOutboxAsync();

        // Bot Builder sends it as the answer to a continuation activity of its own making, in Léa's conversation.
        var notice = connector.Replies.Single(r => r.Activity["text"]?.GetValue<string>().StartsWith("🎉 Bonne nouvelle !", StringComparison.Ordinal) == true);
        Assert.StartsWith("/v3/conversations/a:conv-1/activities", notice.Path);
        Assert.DoesNotContain(new[] { "aad-lea-1", "aad-lea-2", "aad-lea-3" }, id => notice.Path.EndsWith("/" + id, StringComparison.Ordinal));
    }
}

public class TeamsSharedConversationTests
{
    [Fact]
    public async Task InATeamChannel_TheBotSendsPupilsToTheirPrivateChat_AndKeepsNoWayToReachThemThere()
    {
        await using var teams = await TeamsApp.StartAsync();
        var (connector, app, http) = (teams.Connector, teams.App, teams.Http);
        var lea = new TeamsClient(http, connector, "aad-lea", "Léa", "19:classe@thread.tacv2");
        var activity = lea.Activity("<at>Peer to Peer</at> jai-partagé");
        activity["conversation"]!["conversationType"] = "channel";
        Assert.True((await lea.PostAsync(activity)).IsSuccessStatusCode);

        Assert.Equal(TeamsMapper.PrivateOnly, Assert.Single(lea.Replies)["text"]!.GetValue<string>());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.False(await db.Set<TeamsConversation>().AnyAsync());
        Assert.False(await db.Conversations.AnyAsync());
    }
}

public class TeamsInstallAndErasureTests
{
    [Fact]
    public async Task Installing_KeepsTheWayToReachThePupil_AndErasingForgetsIt()
    {
        await using var teams = await TeamsApp.StartAsync();
        var (connector, app, http) = (teams.Connector, teams.App, teams.Http);
        var lea = new TeamsClient(http, connector, "aad-lea", "Léa", "a:conv-1");
        async Task<List<TeamsConversation>> Kept()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<TeamsConversation>().AsNoTracking().ToListAsync();
        }

        // Teams tells the bot it was added to Léa's personal scope before she writes anything.
        var installed = lea.Activity(null);
        installed["type"] = "conversationUpdate";
        installed["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:bot" });
        Assert.True((await lea.PostAsync(installed)).IsSuccessStatusCode);
        Assert.Contains("a:conv-1", Assert.Single(await Kept()).Reference);
        Assert.Equal(TeamsMapper.InstallHello, Assert.Single(lea.Replies)["text"]!.GetValue<string>());

        await lea.SayAsync("mes données");
        await lea.SayAsync("Tout effacer", new JsonObject { ["choiceId"] = "start:mydata:erase" });
        await lea.SayAsync("Oui, tout effacer", new JsonObject { ["choiceId"] = "mydata:confirm" });
        Assert.Equal(Bot.Dialogs.MyData.MyDataTexts.Erased, lea.Replies.Last()["text"]!.GetValue<string>());
        Assert.Empty(await Kept());
        using var check = app.Services.CreateScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<StoreDbContext>().ChannelIdentities.AnyAsync(i => i.ExternalId == "aad-lea"));
    }
}
