using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Review;

/// <summary>The counsellor over the real web chat: roles from WebChat:CounsellorIds, the notice in the pupil's conversation.</summary>
public class WebChatReviewTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private BotApp App(string? secret = null) => new(_database.ConnectionString, Clocks.At(Clocks.Sunday), secret);

    [Fact]
    public async Task ACounsellorApprovesWithAButton_AndThePupilsConversationReceivesTheNoticeWithTheClaimLink()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/badges", "citoyen", "Je viens tous les vendredis" }) await lea.SayAsync(turn);
        await lea.PollAsync();

        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.SayAsync("/suivi");
        Assert.Contains(await counsellor.BotSaysAsync(), t => t.Contains("1 demande de badge en attente"));

        await counsellor.SayAsync("/demandes");
        var request = (await counsellor.PollAsync()).Last()!;
        Assert.Contains("**lea** demande le badge « Reconnaissance & valorisation – Engagement citoyen »", request["text"]!.GetValue<string>());
        var approve = request["attachments"]![0]!["content"]!["buttons"]![0]!;
        Assert.Equal("Approuver", approve["title"]!.GetValue<string>());

        await counsellor.ClickAsync(approve["value"]!["choiceId"]!.GetValue<string>(), "Approuver");
        Assert.StartsWith("✅ C'est validé : lea peut recevoir le badge", (await counsellor.BotSaysAsync()).Single());

        // Once the outbox has delivered it, Léa's next poll brings the notice, with no replyToId (it answers nothing she said).
        await app.DeliverOutboxAsync();
        var notice = await lea.PollAsync();
        Assert.StartsWith("🎉 Bonne nouvelle !", notice[0]!["text"]!.GetValue<string>());
        Assert.False(notice[0]!.AsObject().ContainsKey("replyToId"));
        Assert.Equal("https://openbadgefactory.com/c/earnablebadge/A-REMPLACER-engagement-citoyen/apply",
            notice[1]!["attachments"]![0]!["content"]!["buttons"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task AUserWhoIsNotAConfiguredCounsellor_IsRefused()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var tom = new DirectLineClient(http, "tom");
        await tom.StartAsync();
        await tom.SayAsync("/suivi");
        Assert.Contains("Cette commande est réservée à la conseillère.", await tom.BotSaysAsync());
    }

    [Fact]
    public async Task APupilCannotPoseAsTheCounsellorInTheirOwnConversation()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var tom = new DirectLineClient(http, "tom");
        await tom.StartAsync();
        // The conversation is bound to "tom": a message claiming to come from the counsellor is refused before any turn.
        using var response = await tom.PostAsync(DirectLineClient.Message("conseillere", "/suivi"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task WithASecret_ThePageTokenServiceNeverIssuesACounsellorsIdentity()
    {
        await using var app = App(secret: DeploymentTests.Secret);
        using var http = app.CreateClient();
        // ?user= is not heard with a secret: the browser gets its own identity, never the counsellor's.
        using var asked = await http.PostAsync("/webchat/token?user=conseillere", null);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.StartsWith("w-", JsonNode.Parse(await asked.Content.ReadAsStringAsync())!["userId"]!.GetValue<string>());

        // The counsellor's token comes from the secret, through a trusted server.
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate")
        {
            Content = new StringContent("{\"user\":{\"id\":\"conseillere\"}}", System.Text.Encoding.UTF8, "application/json"),
        };
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DeploymentTests.Secret);
        var token = JsonNode.Parse(await (await http.SendAsync(generate)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync(token);
        await counsellor.SayAsync("/suivi");
        Assert.Contains(await counsellor.BotSaysAsync(), t => t.StartsWith("**1er trimestre 2026-2027**"));
    }

    [Fact]
    public async Task WithASecret_AConversationOpenedWithoutAUser_CannotBeTakenAsTheCounsellorByTheFirstMessage()
    {
        await using var app = App(secret: DeploymentTests.Secret);
        using var http = app.CreateClient();
        // A site's token service asked for a token without naming anyone (allowed: the first speaker owns it)…
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        generate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DeploymentTests.Secret);
        var token = JsonNode.Parse(await (await http.SendAsync(generate)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var stranger = new DirectLineClient(http, "conseillere");
        await stranger.StartAsync(token);

        // …and its holder speaks first as the counsellor.
        using var response = await stranger.PostAsync(DirectLineClient.Message("conseillere", "/export"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>().People.AnyAsync());
    }

    [Fact]
    public async Task Export_ArrivesAsACsvFileInTheChat()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.SayAsync("/export");
        var file = (await counsellor.PollAsync()).Last()!["attachments"]![0]!;
        Assert.Equal("suivi-1er-trimestre-2026-2027.csv", file["name"]!.GetValue<string>());
        Assert.StartsWith("data:text/csv;base64,", file["contentUrl"]!.GetValue<string>());
    }
}
