using System.Net;
using System.Net.Http.Headers;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bot.Tests.Jobs;

public class DashboardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task WithoutASecret_TheDashboardIsOpenToThisMachine(string remote)
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire").From(app, remote, null, null);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Strangers.Requests), MemberType = typeof(Strangers))]
    public async Task WithoutASecret_TheDashboardIsClosedToAnyoneElse(string? remote, string? header, string? value)
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire").From(app, remote, header, value);
        // Refused before the dashboard's own check: without a secret the whole app is this machine's.
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task WithASecretAndNoPassword_ThereIsNoDashboard()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday), secret: DeploymentTests.Secret);
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task WithASecretAndAPassword_TheDashboardAsksForIt()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday), secret: DeploymentTests.Secret)
            .WithWebHostBuilder(b => b.UseSetting("Jobs:DashboardPassword", "test-only-dashboard-password"));
        using var http = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/hangfire")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:test-only-dashboard-password"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
    }
}

/// <summary>The dashboard's buttons (trigger, delete, requeue) need its antiforgery token: another page on this machine cannot press them.</summary>
public sealed class DashboardAntiforgeryTests : OwnBotApp
{
    private static FormUrlEncodedContent Trigger() => new([new("jobs[]", Bot.Jobs.JobsExtensions.Schedule(new()).First().Id)]);

    [Fact]
    public async Task APostWithoutTheDashboardsToken_IsRefused_AndWithItGoesThrough()
    {
        using var forged = await Http.PostAsync("/hangfire/recurring/trigger", Trigger());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        // The dashboard's own page carries the token (and sets its cookie) for its scripts.
        using var browser = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var page = await browser.GetStringAsync("/hangfire/recurring");
        string Meta(string name) => System.Text.RegularExpressions.Regex.Match(page, $"name=\"{name}\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(Meta("csrf-token"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger") { Content = Trigger() };
        request.Headers.Add(Meta("csrf-header"), Meta("csrf-token"));
        using var pressed = await browser.SendAsync(request);
        Assert.True(pressed.IsSuccessStatusCode, $"{pressed.StatusCode}");
    }
}
