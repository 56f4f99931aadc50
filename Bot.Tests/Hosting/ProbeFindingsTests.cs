using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;

namespace Bot.Tests.Hosting;

/// <summary>What the second outside probe found, each shown failing first.</summary>
public sealed class ProbeFindingsTests : DeploymentTests
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task ALoneSurrogate_InAnInvitationOrAUserId_IsAFrench400_NeverA500()
    {
        await using var app = App();
        using var browser = Browser(app);
        using var invite = await browser.PostAsync("/webchat/invite", Json("{\"code\":\"\\ud800\"}"));
        Assert.Equal(HttpStatusCode.BadRequest, invite.StatusCode);
        using var generate = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate") { Content = Json("{\"user\":{\"id\":\"\\ud800\"}}") };
        generate.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Secret);
        using var generated = await browser.SendAsync(generate);
        Assert.Equal(HttpStatusCode.BadRequest, generated.StatusCode);
        Assert.NotNull(JsonNode.Parse(await generated.Content.ReadAsStringAsync())!["error"]!["message"]);
    }

    [Fact]
    public async Task AnUnknownInvitation_SaysSo()
    {
        await using var app = App();
        using var browser = Browser(app);
        using var response = await browser.PostAsync("/webchat/invite", Json("{\"code\":\"AAAAAAAAAAAAAAAAAAAAAA\"}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("invitation", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/webchat/forget")]
    [InlineData("/webchat/signout")]
    public async Task AnotherSitesPost_CannotSignOutOrForget_TheChatsOwnPageCan(string path)
    {
        await using var app = App();
        using var browser = Browser(app);
        using var foreign = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("x", "1")]) };
        foreign.Headers.Add("Origin", "https://evil.example");
        foreign.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var refused = await browser.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));

        using var own = new HttpRequestMessage(HttpMethod.Post, path);
        own.Headers.Add("Origin", "http://localhost");
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task WithTheProviderUnreachable_SignInSendsBackToTheChatWithAMessage_NotA500()
    {
        await using var app = App(new Dictionary<string, string>
        {
            ["CounsellorSignIn:Oidc:Authority"] = "http://127.0.0.1:1/", ["CounsellorSignIn:Oidc:ClientId"] = "test-client",
            ["CounsellorSignIn:Oidc:RequireHttpsMetadata"] = "false",
        });
        using var browser = Browser(app);
        using var response = await browser.GetAsync("/webchat/signin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?connexion=echec", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ADashboardPasswordUnder16Characters_StopsTheStart()
    {
        using var app = App(new Dictionary<string, string> { ["Jobs:DashboardPassword"] = "a" });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("DashboardPassword", error.ToString());
    }
}

/// <summary>After an erasure, the pupil's words are in no file of the database: not in freed pages, not in the journal.</summary>
public sealed class ErasureOnDiskTests : OwnBotApp
{
    [Fact]
    public async Task AfterAnErasure_TheWordsAreNotInTheDatabaseFiles()
    {
        var lea = new DirectLineClient(Http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/jai-partagé vendredi", "Motsecret Partage Kzq", "Motsecret Appris Kzq", "numérique", "2", "oui" })
            await lea.SayAsync(turn);
        await lea.SayAsync("supprimer mes données");
        var confirm = (await lea.PollAsync()).Last()!["suggestedActions"]!["actions"]![0]!;
        await lea.ClickAsync(confirm["value"]!["choiceId"]!.GetValue<string>(), confirm["title"]!.GetValue<string>());

        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Database.Path)!, "bot.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.DoesNotContain("Kzq", Encoding.UTF8.GetString(copy.ToArray()), StringComparison.Ordinal);
        }
    }
}


/// <summary>With AllowedHosts set (the public name), a request for another Host is refused: no sign-in link is ever built on it.</summary>
public sealed class AllowedHostsTests : DeploymentTests
{
    [Fact]
    public async Task ARequestForAnotherHost_IsRefused_TheConfiguredOneServed()
    {
        await using var app = App(new Dictionary<string, string> { ["AllowedHosts"] = "p2p.vire-normandie.example" });
        using var http = app.CreateClient();
        using var evil = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        evil.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(evil)).StatusCode);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        own.Headers.Host = "p2p.vire-normandie.example";
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(own)).StatusCode);
    }
}

/// <summary>An unknown path or method gets a short French JSON answer, not an empty body.</summary>
public sealed class EmptyErrorsTests : OwnBotApp
{
    [Theory]
    [InlineData("GET", "/nope", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/webchat/token", HttpStatusCode.MethodNotAllowed)]
    public async Task AnUnknownPathOrMethod_IsAnsweredInFrench(string method, string path, HttpStatusCode status)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(status, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>()));
    }
}
