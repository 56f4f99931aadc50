using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Channels.WebChat;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Hosting;

/// <summary>Rate limits per client address and per conversation, with a French 429; what a client sends is clipped before it is stored.</summary>
public sealed class RateLimitTests : DeploymentTests
{
    private BotApp LimitedApp() => App(new Dictionary<string, string>
    {
        ["RateLimits:StartsPerMinute"] = "5",
        ["RateLimits:MessagesPerMinute"] = "4",
        ["RateLimits:MessagesPerAddressPerMinute"] = "7",
    });

    private static async Task<int> ConversationsAsync(BotApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoreDbContext>().DirectLineConversations.CountAsync();
    }

    [Fact]
    public async Task TheTokenEndpoint_IsLimitedPerAddress_AndAnotherAddressIsNotHeldBack()
    {
        await using var app = LimitedApp();
        using var http = app.CreateClient();
        app.RemoteAddress = IPAddress.Parse("203.0.113.7");
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/webchat/token", null)).StatusCode);

        using var refused = await http.PostAsync("/webchat/token", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Contains("Trop de demandes",
            JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(5, await ConversationsAsync(app));

        app.RemoteAddress = IPAddress.Parse("198.51.100.20");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/webchat/token", null)).StatusCode);
    }

    [Fact]
    public async Task AnIPv6Client_IsCountedByItsSlash64_NotByEachOfItsAddresses()
    {
        await using var app = LimitedApp();
        using var http = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            app.RemoteAddress = IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"); // a new address each time, in one /64
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/webchat/token", null)).StatusCode);
        }
        app.RemoteAddress = IPAddress.Parse("2001:db8:1:2:ffff::9");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await http.PostAsync("/webchat/token", null)).StatusCode);
        app.RemoteAddress = IPAddress.Parse("2001:db8:1:3::1"); // the next /64: someone else
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/webchat/token", null)).StatusCode);
    }

    [Fact]
    public async Task Messages_AreLimitedPerConversation()
    {
        await using var app = LimitedApp();
        using var http = app.CreateClient();
        var session = JsonNode.Parse(await (await http.PostAsync("/webchat/token", null)).Content.ReadAsStringAsync())!;
        var chat = new DirectLineClient(http, session["userId"]!.GetValue<string>());
        await chat.StartAsync(session["token"]!.GetValue<string>());
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await chat.PostAsync(DirectLineClient.Message(chat.UserId, "bonjour"))).StatusCode);
        using var refused = await chat.PostAsync(DirectLineClient.Message(chat.UserId, "bonjour"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        // Posts without a credential are refused at once and use up nobody's budget (the school's or the pupil's).
        var stranger = new DirectLineClient(http, chat.UserId);
        stranger.Resume(chat.ConversationId, "no-token");
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync(DirectLineClient.Message(chat.UserId, "bonjour"))).StatusCode);

        // Another pupil's conversation, from the same school's address, goes on.
        var other = JsonNode.Parse(await (await http.PostAsync("/webchat/token", null)).Content.ReadAsStringAsync())!;
        var second = new DirectLineClient(http, other["userId"]!.GetValue<string>());
        await second.StartAsync(other["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsync(DirectLineClient.Message(second.UserId, "bonjour"))).StatusCode);
    }

    [Fact]
    public async Task AVeryLongMessage_IsClippedBeforeItIsStored_AndTheDialogSaysItIsTooLong()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var session = JsonNode.Parse(await (await http.PostAsync("/webchat/token", null)).Content.ReadAsStringAsync())!;
        var chat = new DirectLineClient(http, session["userId"]!.GetValue<string>());
        await chat.StartAsync(session["token"]!.GetValue<string>());
        await chat.SayAsync("/jai-partagé");
        await chat.SayAsync("vendredi");
        await chat.PollAsync();
        await chat.SayAsync(new string('a', 20_000));
        Assert.Contains(await chat.BotSaysAsync(), t => t.Contains("trop long", StringComparison.Ordinal));

        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Set<DirectLineActivity>()
            .AsNoTracking().Select(a => a.Json).ToListAsync();
        Assert.All(stored, json => Assert.True(json.Length < 4_000, $"an activity of {json.Length} characters was stored"));
    }
}

/// <summary>On the real server (Kestrel): bodies over 64 KB are refused with a French 413 before anything reads them.</summary>
public sealed class RequestSizeTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private BotProcess _bot = null!;

    public async Task InitializeAsync() => _bot = await BotProcess.StartAsync(BotProcess.FreePort(), new Dictionary<string, string>
    {
        ["ConnectionStrings__Bot"] = _database.ConnectionString, ["WebChat__Secret"] = DeploymentTests.Secret, ["Jobs__RunServer"] = "false",
    });

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _database.Dispose();
    }

    [Theory]
    [InlineData("/v3/directline/conversations")]
    [InlineData("/v3/directline/conversations/{conversation}/activities")]
    [InlineData("/webchat/invite")]
    public async Task ABodyOver64KB_Is413InFrench_NeverA500(string path)
    {
        using var http = new HttpClient { BaseAddress = _bot.BaseUrl };
        if (path.Contains("{conversation}", StringComparison.Ordinal))
        {
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
            start.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DeploymentTests.Secret);
            var id = JsonNode.Parse(await (await http.SendAsync(start)).Content.ReadAsStringAsync())!["conversationId"]!.GetValue<string>();
            path = path.Replace("{conversation}", id, StringComparison.Ordinal);
        }
        using var content = new StringContent("{\"text\":\"" + new string('a', 70 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DeploymentTests.Secret);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        // Written by the exception handler, which clears the headers: the security headers are still there.
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("trop", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
    }
}
