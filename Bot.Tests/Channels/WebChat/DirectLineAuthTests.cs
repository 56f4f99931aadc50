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
    private const string Secret = DeploymentTests.Secret;
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

/// <summary>A weak secret cannot be found from a token, because tokens owe nothing to the secret; and a short one is refused.</summary>
public sealed class DirectLineSecretTests : DeploymentTests
{
    [Fact]
    public async Task ATokenMadeWithTheSecret_TheOldWay_IsRefused()
    {
        await using var app = App();
        using var http = app.CreateClient();
        var conversation = JsonNode.Parse(await (await http.PostAsync("/webchat/token", null)).Content.ReadAsStringAsync())!;
        var id = conversation["conversationId"]!.GetValue<string>();
        var user = conversation["userId"]!.GetValue<string>();

        // What anyone who guessed the secret could compute offline: an HMAC keyed by it, over (conversation, user, expiry).
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var payload = System.Text.Encoding.UTF8.GetBytes($"{id}\n{user}\n{Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds()}");
        var key = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("directline-token:" + Secret));
        var forged = $"{B64(payload)}.{B64(System.Security.Cryptography.HMACSHA256.HashData(key, payload))}";

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(request)).StatusCode);
        // Its own token works (the test can fail for the right reason only).
        request.Headers.Authorization = null;
        using var own = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities");
        own.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(own)).StatusCode);
    }

    [Theory]
    [InlineData("changeme")]
    [InlineData("0123456789abcdef0123456789abcde")]
    public void ASecretUnder32Characters_StopsTheStart_SayingWhy(string weak)
    {
        using var app = new BotApp(Database.ConnectionString, Clock, secret: weak);
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("WebChat:Secret", error.ToString());
        Assert.Contains("32", error.ToString());
    }
}
