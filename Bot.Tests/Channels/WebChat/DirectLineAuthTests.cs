using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Channels.WebChat;

/// <summary>With WebChat:Secret set, every Direct Line call needs the secret or a token made from it.</summary>
public class DirectLineAuthTests : IDisposable
{
    private const string Secret = "fake-secret";
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.Sunday);
    private readonly BotApp _app;
    private readonly HttpClient _http;

    public DirectLineAuthTests()
    {
        _app = new BotApp(_database.ConnectionString, _clock, Secret);
        _http = _app.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
        _database.Dispose();
    }

    private async Task<HttpStatusCode> StartWith(string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations") { Content = JsonContent.Create(new { }) };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return (await _http.SendAsync(request)).StatusCode;
    }

    private async Task<JsonNode> GenerateTokenAsync(string userId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task NoCredential_Is401() => Assert.Equal(HttpStatusCode.Unauthorized, await StartWith(null));

    [Fact]
    public async Task AWrongSecret_Is403() => Assert.Equal(HttpStatusCode.Forbidden, await StartWith("not-the-secret"));

    [Fact]
    public async Task TheSecret_StartsAConversation() => Assert.Equal(HttpStatusCode.Created, await StartWith(Secret));

    [Fact]
    public async Task AGeneratedToken_WorksForItsConversation_AndNoOther()
    {
        var mine = await GenerateTokenAsync("pupil-1");
        var other = await GenerateTokenAsync("pupil-2");
        var client = new DirectLineClient(_http, "pupil-1");
        await client.StartAsync(mine["token"]!.GetValue<string>());
        Assert.Equal(mine["conversationId"]!.GetValue<string>(), client.ConversationId);
        await client.SayAsync("/jai-partagé");
        Assert.NotEmpty(await client.BotSaysAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{other["conversationId"]}/activities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task ATokenBoundToAUser_RefusesMessagesFromAnotherUser()
    {
        var token = await GenerateTokenAsync("pupil-1");
        var client = new DirectLineClient(_http, "pupil-1");
        await client.StartAsync(token["token"]!.GetValue<string>());
        using var response = await client.PostAsync(DirectLineClient.Message("counsellor-1", "bonjour"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnExpiredToken_Is403_AndARefreshedOneWorks()
    {
        var token = (await GenerateTokenAsync("pupil-1"))["token"]!.GetValue<string>();
        _clock.Advance(TimeSpan.FromMinutes(20));
        using var refresh = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/refresh");
        refresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var refreshed = JsonNode.Parse(await (await _http.SendAsync(refresh)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();

        _clock.Advance(TimeSpan.FromMinutes(15)); // 35 minutes after the first token: it has expired
        Assert.Equal(HttpStatusCode.Forbidden, await StartWith(token));
        Assert.Equal(HttpStatusCode.Created, await StartWith(refreshed));
    }

    [Fact]
    public async Task AForgedToken_Is403()
    {
        var token = (await GenerateTokenAsync("pupil-1"))["token"]!.GetValue<string>();
        var forged = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        Assert.Equal(HttpStatusCode.Forbidden, await StartWith(forged));
    }
}
