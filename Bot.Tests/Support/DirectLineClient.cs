using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bot.Tests.Support;

/// <summary>Talks Direct Line to the app the way Web Chat does.</summary>
public sealed class DirectLineClient(HttpClient http, string userId = "pupil-1")
{
    public string ConversationId { get; private set; } = "";
    public string Token { get; private set; } = "";
    public string Watermark { get; private set; } = "";
    public string UserId => userId;

    public async Task StartAsync(string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ConversationId = body["conversationId"]!.GetValue<string>();
        Token = body["token"]!.GetValue<string>();
    }

    /// <summary>Takes over an existing conversation, as a page reloaded on another instance would.</summary>
    public void Resume(string conversationId, string token) => (ConversationId, Token) = (conversationId, token);

    public Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http.SendAsync(request);
    }

    public static JsonObject Message(string userId, string? text, JsonObject? value = null, string? clientActivityId = null) => new()
    {
        ["type"] = "message",
        ["from"] = new JsonObject { ["id"] = userId, ["role"] = "user" },
        ["text"] = text,
        ["value"] = value,
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
    };

    /// <summary>Sends text and returns the id the server gave it.</summary>
    public async Task<string> SayAsync(string text, JsonObject? value = null)
    {
        using var response = await PostAsync(Message(userId, text, value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    public Task<string> ClickAsync(string choiceId, string label) => SayAsync(label, new JsonObject { ["choiceId"] = choiceId });

    /// <summary>Polls once from the current watermark and moves it on.</summary>
    public async Task<JsonArray> PollAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities?watermark={Watermark}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Watermark = body["watermark"]!.GetValue<string>();
        return body["activities"]!.AsArray();
    }

    /// <summary>The texts of the bot's activities since the last poll.</summary>
    public async Task<string[]> BotSaysAsync() =>
        [.. (await PollAsync()).Where(a => a!["from"]!["role"]!.GetValue<string>() == "bot").Select(a => a!["text"]?.GetValue<string>() ?? "")];
}
