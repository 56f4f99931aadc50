using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.WebChat;

public class DirectLineEndpointTests : OwnBotApp
{
    [Fact]
    public async Task TheUsersActivity_IsEchoedWithAServerIdAndItsClientActivityId_ThenTheBotAnswersIt()
    {
        var client = new DirectLineClient(Http);
        await client.StartAsync();
        using var response = await client.PostAsync(DirectLineClient.Message(client.UserId, "/jai-partagé", clientActivityId: "client-42"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        var activities = await client.PollAsync();
        var echo = activities[0]!;
        Assert.Equal(id, echo["id"]!.GetValue<string>());
        Assert.Equal("client-42", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());
        Assert.Equal("/jai-partagé", echo["text"]!.GetValue<string>());

        // A first contact: the welcome, then the answer.
        Assert.StartsWith("Salut ! 👋", activities[1]!["text"]!.GetValue<string>());
        var reply = activities[3]!;
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());
        Assert.Equal(id, reply["replyToId"]!.GetValue<string>());
        Assert.StartsWith("Super, on note ta séance", reply["text"]!.GetValue<string>());
        var question = activities[4]!;
        var buttons = question["suggestedActions"]!["actions"]!.AsArray();
        Assert.Equal("Vendredi 27 novembre", buttons[0]!["title"]!.GetValue<string>());
        Assert.Equal("date:2026-11-27", buttons[0]!["value"]!["choiceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Polling_PagesByWatermark()
    {
        var client = new DirectLineClient(Http);
        await client.StartAsync();
        await client.SayAsync("/jai-partagé");
        Assert.Equal(5, (await client.PollAsync()).Count); // echo, welcome (2), intro, question
        Assert.Equal("5", client.Watermark);

        Assert.Empty(await client.PollAsync()); // nothing new: same watermark
        Assert.Equal("5", client.Watermark);

        await client.SayAsync("vendredi");
        var next = await client.PollAsync();
        Assert.Equal(["vendredi", "📅 Séance du vendredi 27 novembre 2026."], next.Take(2).Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal("8", client.Watermark);
    }

    [Fact]
    public async Task AnUnknownConversation_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/v3/directline/conversations/nope/activities")).StatusCode);
        var client = new DirectLineClient(Http);
        await client.StartAsync();
        var post = await Http.PostAsync("/v3/directline/conversations/nope/activities",
            new StringContent(DirectLineClient.Message("pupil-1", "salut").ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Theory]
    [InlineData("{\"type\":\"mess")]
    [InlineData("[1,2]")]
    [InlineData("{\"text\":\"no type\"}")]
    public async Task ABadActivity_Is400_AndChangesNothing(string body)
    {
        var client = new DirectLineClient(Http);
        await client.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{client.ConversationId}/activities")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\":\"BadArgument\"", await response.Content.ReadAsStringAsync());
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task ATypingIndicator_IsAcknowledged_AndNotAnswered()
    {
        var client = new DirectLineClient(Http);
        await client.StartAsync();
        using var response = await client.PostAsync(new JsonObject { ["type"] = "typing", ["from"] = new JsonObject { ["id"] = client.UserId } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task AMessageFromAnotherUserThanTheBoundOne_IsRefused()
    {
        var client = new DirectLineClient(Http, "pupil-1");
        await client.StartAsync();
        using var response = await client.PostAsync(DirectLineClient.Message("counsellor-1", "/jai-partagé"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await client.PollAsync());
    }

    [Fact]
    public async Task AConversationStartedWithoutAUser_BelongsToTheFirstSpeaker()
    {
        var start = await Http.PostAsync("/v3/directline/conversations", null);
        var conversationId = JsonNode.Parse(await start.Content.ReadAsStringAsync())!["conversationId"]!.GetValue<string>();
        var url = $"/v3/directline/conversations/{conversationId}/activities";
        StringContent Body(string user) => new(DirectLineClient.Message(user, "salut").ToJsonString(), System.Text.Encoding.UTF8, "application/json");

        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync(url, Body("first"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.PostAsync(url, Body("second"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsync(url, Body("first"))).StatusCode);
    }

    [Fact]
    public async Task AToken_FromThePageService_NamesTheConversationEvenWithoutASecret()
    {
        // Web Chat given a token starts "a" conversation: it must be the token's, bound to its user.
        var page = JsonNode.Parse(await (await Http.PostAsync("/webchat/token?user=lea", null)).Content.ReadAsStringAsync())!;
        var client = new DirectLineClient(Http, "lea");
        await client.StartAsync(page["token"]!.GetValue<string>());
        Assert.Equal(page["conversationId"]!.GetValue<string>(), client.ConversationId);
        using var response = await client.PostAsync(DirectLineClient.Message("tom", "salut"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ARetriedPost_WithTheSameClientActivityId_IsHandledOnce()
    {
        var client = new DirectLineClient(Http);
        await client.StartAsync();
        var first = await client.PostAsync(DirectLineClient.Message(client.UserId, "/jai-partagé", clientActivityId: "same"));
        var second = await client.PostAsync(DirectLineClient.Message(client.UserId, "/jai-partagé", clientActivityId: "same"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Single(await client.PollAsync(), a => a!["text"]?.GetValue<string>() == "/jai-partagé");
    }

    [Fact]
    public async Task TheWholeJourney_RunsOverDirectLine_WithButtonsAndTheFullFrenchDateInTheRecap()
    {
        var client = new DirectLineClient(Http);
        await client.StartAsync();
        await client.SayAsync("/jai-partagé");
        await client.ClickAsync("date:2026-11-27", "Vendredi 27 novembre");
        await client.SayAsync("Comment faire un montage vidéo");
        await client.SayAsync("Faire un podcast");
        await client.ClickAsync("domain:DigitalSkills", "Compétences numériques");
        await client.ClickAsync("level:3", "3 · Je sais faire");
        var recap = (await client.BotSaysAsync()).Last();
        Assert.Contains("- **Date :** vendredi 27 novembre 2026", recap);
        await client.ClickAsync("recap:yes", "Oui, j'enregistre");
        Assert.Equal(["C'est enregistré ✅ Merci pour ta participation ! La conseillère verra ta séance au bilan du trimestre."], await client.BotSaysAsync());

        using var scope = App.Services.CreateScope();
        var saved = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Contributions.SingleAsync();
        Assert.Equal(new DateOnly(2026, 11, 27), saved.SessionDate);
    }

    [Fact]
    public async Task ASubmittedCard_FillsTheForm()
    {
        var client = new DirectLineClient(Http);
        await client.StartAsync();
        await client.SayAsync("/jai-partagé");
        await client.ClickAsync("contribution:form", "Tout remplir d'un coup");
        var card = (await client.PollAsync()).Last()!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Equal("contribution", card["content"]!["actions"]![0]!["data"]!["formId"]!.GetValue<string>());

        await client.SayAsync(null!, new JsonObject
        {
            ["formId"] = "contribution", ["date"] = "2026-11-20", ["shared"] = "Un débat", ["learned"] = "Argumenter",
            ["domain"] = "domain:CivicEngagement", ["level"] = "level:2",
        });
        var recap = (await client.BotSaysAsync()).Single();
        Assert.Contains("- **Date :** vendredi 20 novembre 2026", recap);
        Assert.Contains("- **Domaine :** Engagement citoyen", recap);
    }

    [Fact]
    public async Task TheChatPage_IsServedAtTheRoot()
    {
        var html = await Http.GetStringAsync("/");
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("aria-live=\"polite\"", html);
        Assert.Contains("function render", await Http.GetStringAsync("/chat.js"));
    }

    [Fact]
    public async Task ThePageTokenService_RefusesABadUserId()
    {
        var response = await Http.PostAsync("/webchat/token?user=" + Uri.EscapeDataString("<script>"), null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
