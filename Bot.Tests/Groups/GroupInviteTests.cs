using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Channels.WebChat;
using Bot.Dialogs.Groups;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Groups;

/// <summary>With a secret: an invitation names the counsellor's groups, and her commands are about those only.</summary>
public class GroupInviteTests : DeploymentTests
{
    private static async Task<HttpClient> SignedInAsync(BotApp app, HttpClient browser, string name, params string[] groups)
    {
        string code;
        await using (var scope = app.Services.CreateAsyncScope())
            code = await scope.ServiceProvider.GetRequiredService<CounsellorInvites>().CreateAsync(name, default, groups);
        (await browser.PostAsJsonAsync("/webchat/invite", new { code })).EnsureSuccessStatusCode();
        return browser;
    }

    private static async Task<DirectLineClient> ChatAsync(HttpClient browser)
    {
        var session = JsonNode.Parse(await (await browser.PostAsync("/webchat/token", null)).Content.ReadAsStringAsync())!;
        var chat = new DirectLineClient(browser, session["userId"]!.GetValue<string>());
        await chat.StartAsync(session["token"]!.GetValue<string>());
        return chat;
    }

    [Fact]
    public async Task AnInvitationForAGroup_MakesACounsellorOfThatGroupOnly()
    {
        await using var app = App();
        Group lycee;
        await using (var scope = app.Services.CreateAsyncScope())
            lycee = await scope.ServiceProvider.GetRequiredService<GroupDirectory>().AddAsync("Lycée Curie", null, default);

        using var tomBrowser = Browser(app);
        var tom = await ChatAsync(tomBrowser);
        foreach (var turn in new[] { $"/rejoindre {lycee.JoinCode}", "/badges", "citoyen", "Message de Tom" }) await tom.SayAsync(turn);

        using var claireBrowser = Browser(app);
        var claire = await ChatAsync(await SignedInAsync(app, claireBrowser, "Claire", "lycee-curie"));
        await claire.SayAsync("/demandes");
        Assert.Contains(await claire.BotSaysAsync(), t => t.Contains("demande le badge") && t.Contains("Message de Tom"));

        using var marcBrowser = Browser(app);
        var marc = await ChatAsync(await SignedInAsync(app, marcBrowser, "Marc", GroupDirectory.FirstGroupSlug));
        await marc.SayAsync("/demandes");
        var said = await marc.BotSaysAsync();
        Assert.Contains("Aucune demande de badge en attente 🎉", said);
        Assert.DoesNotContain(said, t => t.Contains("Message de Tom"));

        // An invitation for no group, with two groups: a counsellor of none, told so.
        using var noneBrowser = Browser(app);
        var none = await ChatAsync(await SignedInAsync(app, noneBrowser, "Zoé"));
        await none.SayAsync("/demandes");
        Assert.Contains(await none.BotSaysAsync(), t => t.StartsWith("Vous n'êtes conseillère d'aucun groupe", StringComparison.Ordinal));
    }
}

/// <summary>The outside review's finding: a conversation opened with the secret and no user could speak as the town's administrator.</summary>
public class AdministratorIdentityTests : DeploymentTests
{
    [Fact]
    public async Task AnUnboundConversation_CannotSpeakAsTheAdministrator()
    {
        await using var app = App(new Dictionary<string, string> { ["Programme:Administrators:0"] = "webchat:mairie" });
        using var http = app.CreateClient();
        // A site's token server hands a browser a token for a conversation with no user (its usual pattern)…
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        generate.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Secret);
        var token = JsonNode.Parse(await (await http.SendAsync(generate)).Content.ReadAsStringAsync())!;
        var chat = new DirectLineClient(http, "mairie");
        chat.Resume(token["conversationId"]!.GetValue<string>(), token["token"]!.GetValue<string>());
        // …which then speaks as the administrator.
        using var response = await chat.PostAsync(DirectLineClient.Message("mairie", "/groupes"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
