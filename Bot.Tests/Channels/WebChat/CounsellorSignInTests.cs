using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Channels.WebChat;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.WebChat;

/// <summary>
/// With the town's OpenID Connect provider configured (here a fake one on loopback, with real HTTP
/// both ways): a listed counsellor signs in and approves in the chat; anyone else stays a pupil; a
/// forged id token is refused; the session ends on "se déconnecter" and after 12 idle hours.
/// </summary>
public sealed class CounsellorSignInTests : DeploymentTests, IAsyncLifetime
{
    private FakeOidcProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await FakeOidcProvider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private BotApp ProviderApp() => App(Settings);

    private Dictionary<string, string> Settings => new()
    {
        ["CounsellorSignIn:Oidc:Authority"] = _provider.Issuer,
        ["CounsellorSignIn:Oidc:ClientId"] = FakeOidcProvider.ClientId,
        ["CounsellorSignIn:Oidc:ClientSecret"] = FakeOidcProvider.ClientSecret,
        ["CounsellorSignIn:Oidc:Subjects:0"] = "oid-claire",
        ["CounsellorSignIn:Oidc:Groups:0"] = "group-espace-info-jeunes",
        ["CounsellorSignIn:Oidc:Roles:0"] = "Conseiller",
        // The fake provider is on this machine, over http.
        ["CounsellorSignIn:Oidc:RequireHttpsMetadata"] = "false",
    };

    /// <summary>The browser's journey: the bot sends it to the provider, the provider back with a code; where the bot sends it then.</summary>
    private async Task<string> SignInAsync(HttpClient browser)
    {
        using var start = await browser.GetAsync("/webchat/signin");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(_provider.Issuer + "/authorize?", authorize.ToString());
        using var atProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var back = await atProvider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        using var callback = await browser.GetAsync(back.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return callback.Headers.Location!.ToString();
    }

    private static async Task<JsonNode> PageTokenAsync(HttpClient browser)
    {
        using var response = await browser.PostAsync("/webchat/token", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<DirectLineClient> ChatAsync(HttpClient browser)
    {
        var session = await PageTokenAsync(browser);
        var chat = new DirectLineClient(browser, session["userId"]!.GetValue<string>());
        await chat.StartAsync(session["token"]!.GetValue<string>());
        return chat;
    }

    [Fact]
    public async Task AListedCounsellor_SignsInWithTheProvider_AndApprovesARequestInTheChat()
    {
        await using var app = ProviderApp();
        using var claire = Browser(app);
        using var pupil = Browser(app);
        var lea = await ChatAsync(pupil);
        foreach (var turn in new[] { "/badges", "citoyen", "Je viens tous les vendredis" }) await lea.SayAsync(turn);
        await lea.PollAsync();

        Assert.Equal("/?connexion=ok", await SignInAsync(claire));
        Assert.Equal(1, _provider.CodesExchanged);
        var session = await PageTokenAsync(claire);
        Assert.Equal("Claire Martin", session["counsellor"]!.GetValue<string>());
        Assert.Equal(CounsellorSessions.UserIdFor(_provider.Issuer, "sub-claire"), session["userId"]!.GetValue<string>());

        var counsellor = await ChatAsync(claire);
        await counsellor.SayAsync("/demandes");
        var request = (await counsellor.PollAsync()).Last()!;
        var approve = request["attachments"]![0]!["content"]!["buttons"]![0]!;
        Assert.Equal("Approuver", approve["title"]!.GetValue<string>());
        await counsellor.ClickAsync(approve["value"]!["choiceId"]!.GetValue<string>(), "Approuver");
        Assert.StartsWith("✅ C'est validé", (await counsellor.BotSaysAsync()).Single());

        await app.DeliverOutboxAsync();
        Assert.StartsWith("🎉 Bonne nouvelle !", (await lea.BotSaysAsync())[0]);
    }

    [Fact]
    public async Task TheSameAccount_IsOneCounsellorOnEveryBrowser_AndAGroupOrRoleHolderIsACounsellorToo()
    {
        await using var app = ProviderApp();
        using var first = Browser(app);
        using var second = Browser(app);
        await SignInAsync(first);
        await SignInAsync(second);
        Assert.Equal((await PageTokenAsync(first))["userId"]!.GetValue<string>(), (await PageTokenAsync(second))["userId"]!.GetValue<string>());

        _provider.NextAccount = new("sub-marc", Name: "Marc", Groups: ["group-sport", "group-espace-info-jeunes"]);
        using var marc = Browser(app);
        Assert.Equal("/?connexion=ok", await SignInAsync(marc));
        Assert.Equal("Marc", (await PageTokenAsync(marc))["counsellor"]!.GetValue<string>());

        _provider.NextAccount = new("sub-ines", Name: "Inès", Roles: ["Conseiller"]);
        using var ines = Browser(app);
        Assert.Equal("/?connexion=ok", await SignInAsync(ines));
        var chat = await ChatAsync(ines);
        await chat.SayAsync("/demandes");
        Assert.Contains("Aucune demande de badge en attente 🎉", await chat.BotSaysAsync());
    }

    [Fact]
    public async Task AnUnlistedAccount_IsRefused_AndItsBrowserStaysAPupils()
    {
        await using var app = ProviderApp();
        using var tom = Browser(app);
        var before = (await PageTokenAsync(tom))["userId"]!.GetValue<string>();
        _provider.NextAccount = new("sub-tom", "oid-tom", "Tom", Groups: ["group-sport"], Roles: ["Eleve"]);

        Assert.Equal("/?connexion=refusee", await SignInAsync(tom));

        var session = await PageTokenAsync(tom);
        Assert.Null(session["counsellor"]);
        Assert.Equal(before, session["userId"]!.GetValue<string>());
        var chat = await ChatAsync(tom);
        await chat.SayAsync("/demandes");
        Assert.Contains("Cette commande est réservée à la conseillère.", await chat.BotSaysAsync());
    }

    [Fact]
    public async Task AnIdTokenSignedWithAnUnpublishedKey_IsRefused()
    {
        await using var app = ProviderApp();
        using var forger = Browser(app);
        _provider.SignWithUnpublishedKey = true;

        Assert.Equal("/?connexion=echec", await SignInAsync(forger));

        Assert.Equal(1, _provider.CodesExchanged);
        Assert.Null((await PageTokenAsync(forger))["counsellor"]);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>().Set<CounsellorSession>()));
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionOnTheServer_EvenForATokenStillInHand()
    {
        await using var app = ProviderApp();
        using var claire = Browser(app, out var cookies);
        await SignInAsync(claire);
        var chat = await ChatAsync(claire);
        var stolen = cookies.Copy();

        using (var signOut = await claire.PostAsync("/webchat/signout", null)) Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);

        // The Direct Line token still in the page's hands speaks for nobody now, not even as a pupil.
        using var refused = await chat.PostAsync(DirectLineClient.Message(chat.UserId, "/demandes"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("session de conseillère a pris fin",
            JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
        Assert.Null((await PageTokenAsync(claire))["counsellor"]);
        // The session cookie copied before (on a shared computer, by whoever sat there) opens nothing any more.
        Assert.DoesNotContain(CounsellorSignIn.Cookie, cookies.Names);
        cookies.Restore(stolen);
        Assert.Null((await PageTokenAsync(claire))["counsellor"]);
    }

    [Fact]
    public async Task TheSessionEnds_After12HoursWithoutUse_AndUseKeepsItGoing()
    {
        // Page tokens as long as a deployment may make them (24 hours): the session's end still holds.
        await using var app = App(new Dictionary<string, string>(Settings) { ["WebChat:TokenLifetimeMinutes"] = "1440" });
        using var claire = Browser(app, out var cookies);
        await SignInAsync(claire);

        // A page token lasts 30 minutes: the page asks for a new one, as after any pause.
        Clock.Advance(TimeSpan.FromHours(11));
        var chat = await ChatAsync(claire);
        await chat.SayAsync("/demandes");
        Assert.Contains("Aucune demande de badge en attente 🎉", await chat.BotSaysAsync());
        Clock.Advance(TimeSpan.FromHours(11));
        Assert.Equal("Claire Martin", (await PageTokenAsync(claire))["counsellor"]!.GetValue<string>());

        var stolen = cookies.Copy();
        var held = await ChatAsync(claire);

        // A page left open polls all the time: that is no use of the session.
        Clock.Advance(TimeSpan.FromHours(6));
        await held.PollAsync();
        Clock.Advance(TimeSpan.FromHours(6.5));
        var idle = await PageTokenAsync(claire);
        Assert.Null(idle["counsellor"]);
        Assert.StartsWith("w-", idle["userId"]!.GetValue<string>());
        // Neither the page's token (still valid) nor a copy of the cookie without its expiry brings the session back.
        using var refused = await held.PostAsync(DirectLineClient.Message(held.UserId, "/demandes"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await Assert.ThrowsAsync<Xunit.Sdk.EqualException>(held.PollAsync);
        cookies.Restore(stolen);
        Assert.Null((await PageTokenAsync(claire))["counsellor"]);
    }

    [Fact]
    public async Task WithoutAProvider_ThereIsNoSignInToStart()
    {
        await using var app = App();
        using var browser = Browser(app);
        using var response = await browser.GetAsync("/webchat/signin");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False((await PageTokenAsync(browser))["signIn"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TheProvidersGroupClaim_NamesTheCounsellorsGroup_WhenTheTownHasSeveral()
    {
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Groups:0:Slug"] = "lycee-curie", ["Groups:0:Name"] = "Lycée Curie", ["Groups:0:Counsellors:0"] = "oidc:group-lycee",
        };
        await using var app = App(settings);
        using var pupil = Browser(app);
        var tom = await ChatAsync(pupil);
        string code;
        await using (var scope = app.Services.CreateAsyncScope())
            code = (await scope.ServiceProvider.GetRequiredService<Bot.Dialogs.Groups.GroupDirectory>().FindAsync("lycee-curie", default))!.JoinCode;
        foreach (var turn in new[] { $"/rejoindre {code}", "/badges", "citoyen", "Message de Tom" }) await tom.SayAsync(turn);

        _provider.NextAccount = new("sub-nadia", Name: "Nadia", Groups: ["group-espace-info-jeunes", "group-lycee"]);
        using var nadiaBrowser = Browser(app);
        Assert.Equal("/?connexion=ok", await SignInAsync(nadiaBrowser));
        var nadia = await ChatAsync(nadiaBrowser);
        await nadia.SayAsync("/demandes");
        Assert.Contains(await nadia.BotSaysAsync(), t => t.Contains("Message de Tom"));

        // Another counsellor of the town, in no group's list: a counsellor of none while there are two groups.
        _provider.NextAccount = new("sub-marc", Name: "Marc", Groups: ["group-espace-info-jeunes"]);
        using var marcBrowser = Browser(app);
        Assert.Equal("/?connexion=ok", await SignInAsync(marcBrowser));
        var marc = await ChatAsync(marcBrowser);
        await marc.SayAsync("/demandes");
        Assert.Contains(await marc.BotSaysAsync(), t => t.StartsWith("Vous n'êtes conseillère d'aucun groupe", StringComparison.Ordinal));
    }
}
