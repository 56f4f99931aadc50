using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Channels.WebChat;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Channels.WebChat;

/// <summary>With a secret, a counsellor on the web chat is a browser that opened a one-time invitation.</summary>
public class CounsellorInviteTests : DeploymentTests
{
    private static async Task<string> InviteAsync(BotApp app, string name = "Claire")
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CounsellorInvites>().CreateAsync(name, default);
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient browser, string code) =>
        browser.PostAsJsonAsync("/webchat/invite", new { code });

    /// <summary>This browser on the chat: its token, then "/demandes"; what the bot answered.</summary>
    private static async Task<string[]> AskRequestsAsync(HttpClient browser)
    {
        var session = JsonNode.Parse(await (await browser.PostAsync("/webchat/token", null)).Content.ReadAsStringAsync())!;
        var chat = new DirectLineClient(browser, session["userId"]!.GetValue<string>());
        await chat.StartAsync(session["token"]!.GetValue<string>());
        await chat.SayAsync("/demandes");
        return await chat.BotSaysAsync();
    }

    [Fact]
    public async Task TheInvitedBrowser_IsTheCounsellor_AnotherBrowserIsNot()
    {
        await using var app = App();
        using var claire = Browser(app);
        using var pupil = Browser(app);
        var code = await InviteAsync(app);

        using var opened = await OpenAsync(claire, code);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("Claire", JsonNode.Parse(await opened.Content.ReadAsStringAsync())!["name"]!.GetValue<string>());

        Assert.Contains("Aucune demande de badge en attente 🎉", await AskRequestsAsync(claire));
        Assert.Contains("Cette commande est réservée à la conseillère.", await AskRequestsAsync(pupil));
    }

    [Fact]
    public async Task AnInvitation_WorksOnce_ExpiresAfter48Hours_AndAGuessedOneIsRefused()
    {
        await using var app = App();
        var code = await InviteAsync(app);
        using (var first = Browser(app)) Assert.Equal(HttpStatusCode.OK, (await OpenAsync(first, code)).StatusCode);
        using (var second = Browser(app)) Assert.Equal(HttpStatusCode.Forbidden, (await OpenAsync(second, code)).StatusCode);

        var late = await InviteAsync(app, "Marc");
        Clock.Advance(TimeSpan.FromHours(49));
        using (var browser = Browser(app)) Assert.Equal(HttpStatusCode.Forbidden, (await OpenAsync(browser, late)).StatusCode);

        using var guesser = Browser(app);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(guesser, "AAAAAAAAAAAAAAAAAAAAAA")).StatusCode);
        Assert.Contains("Cette commande est réservée à la conseillère.", await AskRequestsAsync(guesser));
    }

    [Fact]
    public async Task AfterRevocation_TheBrowserIsNoLongerTheCounsellor_AndAnUnusedInvitationIsRefused()
    {
        await using var app = App();
        using var claire = Browser(app);
        await OpenAsync(claire, await InviteAsync(app));
        var unused = await InviteAsync(app);

        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<CounsellorInvites>().RevokeAsync("Claire", default));

        Assert.Contains("Cette commande est réservée à la conseillère.", await AskRequestsAsync(claire));
        using var other = Browser(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await OpenAsync(other, unused)).StatusCode);
    }

    [Fact]
    public async Task TheCommandLine_PrintsALinkWhoseCodeIsNotStored_ThenListsAndRevokes()
    {
        // The command line runs on the machine's clock: the test's app too, so that both see the same sessions in force.
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        async Task<(int Exit, string Output)> RunAsync(params string[] args)
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bot.dll"), .. args])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath(),
                Environment = { ["ConnectionStrings__Bot"] = Database.ConnectionString, ["WebChat__Secret"] = Secret },
            };
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, output);
        }

        var (exit, printed) = await RunAsync("counsellor", "invite", "--name", "Claire", "--url", "https://p2p.vire-normandie.example/");
        Assert.Equal(0, exit);
        var link = printed.Split('\n').Single(l => l.StartsWith("https://", StringComparison.Ordinal)).Trim();
        Assert.StartsWith("https://p2p.vire-normandie.example/invitation.html#", link);
        var code = link[(link.IndexOf('#') + 1)..];
        Assert.Equal(22, code.Length); // 128 random bits, base64url

        await using (var app = App())
        {
            await using var scope = app.Services.CreateAsyncScope();
            var stored = Assert.Single(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>().Set<CounsellorInvite>()));
            Assert.DoesNotContain(code, stored.CodeHash); // only its SHA-256
            using var browser = Browser(app);
            Assert.Equal(HttpStatusCode.OK, (await OpenAsync(browser, code)).StatusCode);
        }

        Assert.Contains("Claire\tsigned in", (await RunAsync("counsellor", "list")).Output);
        var second = (await RunAsync("counsellor", "invite", "--name", "Marc")).Output.Split('#')[1].Trim();
        await using (var app = App())
        {
            using var browser = Browser(app);
            Assert.Equal(HttpStatusCode.OK, (await OpenAsync(browser, second)).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/webchat/signout", null)).StatusCode);
        }
        Assert.Contains("Marc\tsigned out", (await RunAsync("counsellor", "list")).Output);
        Assert.Equal(0, (await RunAsync("counsellor", "revoke", "Claire")).Exit);
        Assert.Contains("Claire\trevoked", (await RunAsync("counsellor", "list")).Output);
    }
}

public class CounsellorInviteInputTests : DeploymentTests
{
    [Theory]
    [InlineData("pas du json")]
    [InlineData("{\"code\": 12345}")]
    [InlineData("{\"code\": \"\"}")]
    [InlineData("{}")]
    public async Task AMalformedInvitation_GetsAFrenchAnswer_AndChangesNothing(string body)
    {
        await using var app = App();
        using var browser = Browser(app);
        using var response = await browser.PostAsync("/webchat/invite", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lien d'invitation", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>().Set<CounsellorInvite>()));
    }
}
