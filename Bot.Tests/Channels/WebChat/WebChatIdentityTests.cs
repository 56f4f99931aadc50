using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.Tests.Channels.WebChat;

/// <summary>With a secret (a real deployment), who a browser is on the web chat is the server's: an identity cookie, not ?user=.</summary>
public class WebChatIdentityTests : DeploymentTests
{
    private static async Task<string> UserOfAsync(HttpClient browser, string query = "?user=lea")
    {
        using var response = await browser.PostAsync("/webchat/token" + query, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["userId"]!.GetValue<string>();
    }

    [Fact]
    public async Task TwoBrowsersAskingForLea_AreTwoPeople_NeitherOfThemLea()
    {
        await using var app = App();
        using var first = Browser(app);
        using var second = Browser(app);
        var one = await UserOfAsync(first);
        var other = await UserOfAsync(second);
        Assert.NotEqual(one, other);
        Assert.NotEqual("lea", one);

        // One's data is invisible to the other: the second browser's token cannot post as the first.
        var mine = new DirectLineClient(first, one);
        await mine.StartAsync(await TokenAsync(first));
        await mine.SayAsync("/badges");
        var stranger = new DirectLineClient(second, one);
        stranger.Resume(mine.ConversationId, await TokenAsync(second));
        using var refused = await stranger.PostAsync(DirectLineClient.Message(one, "mes données"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task TheSameCookie_InTwoTabs_IsOnePerson_AndItSurvivesARestart()
    {
        string cookie, first;
        await using (var app = App())
        {
            using var browser = Browser(app);
            using var response = await browser.PostAsync("/webchat/token", null);
            cookie = response.Headers.GetValues("Set-Cookie").Single();
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
            first = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["userId"]!.GetValue<string>();
            Assert.Equal(first, await UserOfAsync(browser, "")); // a second tab
        }
        await using var restarted = App(); // the keys are in the store
        using var again = restarted.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var answer = await again.SendAsync(request);
        Assert.Equal(first, JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["userId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATamperedCookie_GetsANewIdentity_NeverSomeoneElses()
    {
        await using var app = App();
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var first = await browser.PostAsync("/webchat/token", null);
        var cookie = first.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var owner = JsonNode.Parse(await first.Content.ReadAsStringAsync())!["userId"]!.GetValue<string>();
        var middle = cookie.Length / 2;
        var tampered = cookie[..middle] + (cookie[middle] == 'A' ? 'B' : 'A') + cookie[(middle + 1)..];

        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        request.Headers.Add("Cookie", tampered);
        using var answer = await browser.SendAsync(request);
        var user = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["userId"]!.GetValue<string>();
        Assert.NotEqual(owner, user);
        Assert.StartsWith("w-", user);
    }

    private static async Task<string> TokenAsync(HttpClient browser)
    {
        using var response = await browser.PostAsync("/webchat/token", null);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
    }
}

public class IdentityKeysRetentionTests
{
    [Fact]
    public async Task AKeyExpiredLongerThanACookieLives_IsDeleted_TheCurrentOneKept()
    {
        using var database = new TempDatabase();
        var clock = Clocks.At(Clocks.Sunday);
        await using var app = new BotApp(database.ConnectionString, clock, secret: DeploymentTests.Secret);
        using var browser = app.CreateClient();
        await browser.PostAsync("/webchat/token", null); // Data Protection makes its first key
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>();
        db.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey
        {
            FriendlyName = "key-old", Xml = "<key id=\"1\" version=\"1\"><creationDate>2024-01-01T00:00:00Z</creationDate>"
                + "<activationDate>2024-01-01T00:00:00Z</activationDate><expirationDate>2024-04-01T00:00:00Z</expirationDate></key>",
        });
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.DataProtectionKeys.CountAsync());

        await scope.ServiceProvider.GetRequiredService<Bot.Jobs.Retention>().RunAsync(default);

        var kept = await db.DataProtectionKeys.AsNoTracking().SingleAsync();
        Assert.NotEqual("key-old", kept.FriendlyName); // the one in use stays
    }
}

public class WebChatIdentityForgetAndNoticeTests
{
    [Fact]
    public async Task NotMe_ForgetsThisBrowsersIdentity_TheNextVisitIsSomeoneNew_AndTheDataStays()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday), secret: DeploymentTests.Secret);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var first = await browser.PostAsync("/webchat/token", null);
        var before = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var lea = new DirectLineClient(browser, before["userId"]!.GetValue<string>());
        await lea.StartAsync(before["token"]!.GetValue<string>());
        await lea.SayAsync("/badges");

        using var forgotten = await browser.PostAsync("/webchat/forget", null);
        Assert.Equal(HttpStatusCode.NoContent, forgotten.StatusCode);
        Assert.Contains(forgotten.Headers.GetValues("Set-Cookie"),
            c => c.StartsWith("p2p-id=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970"));

        using var next = await browser.PostAsync("/webchat/token", null);
        Assert.NotEqual(before["userId"]!.GetValue<string>(), JsonNode.Parse(await next.Content.ReadAsStringAsync())!["userId"]!.GetValue<string>());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>().ChannelIdentities.AnyAsync(i => i.ExternalId == lea.UserId));
    }

    [Fact]
    public async Task ANotice_ReachesEveryConversationThePupilHasOpen()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        var phone = new DirectLineClient(http, "lea");
        await phone.StartAsync();
        foreach (var turn in new[] { "/badges", "citoyen", "Sans message" }) await phone.SayAsync(turn);
        var laptop = new DirectLineClient(http, "lea");
        await laptop.StartAsync();
        await laptop.SayAsync("bonjour");
        await phone.PollAsync();
        await laptop.PollAsync();

        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.SayAsync("/demandes");
        var approve = (await counsellor.PollAsync()).Last()!["attachments"]![0]!["content"]!["buttons"]![0]!["value"]!["choiceId"]!.GetValue<string>();
        await counsellor.ClickAsync(approve, "Approuver");
        await app.DeliverOutboxAsync();

        Assert.Contains(await phone.BotSaysAsync(), t => t.StartsWith("🎉 Bonne nouvelle !", StringComparison.Ordinal));
        Assert.Contains(await laptop.BotSaysAsync(), t => t.StartsWith("🎉 Bonne nouvelle !", StringComparison.Ordinal));
    }
}
