using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Bot.Tests.Support;

/// <summary>A Teams user as the Bot Framework connector presents them: message activities posted to /api/messages, answers read at the fake connector.</summary>
public sealed class TeamsClient(HttpClient http, FakeConnector connector, string aadObjectId, string name, string conversationId)
{
    private int _sent;

    public string ConversationId => conversationId;

    public JsonObject Activity(string? text, JsonObject? value = null, string? replyToId = null) => new()
    {
        ["type"] = "message", ["id"] = $"{aadObjectId}-{++_sent}", ["channelId"] = "msteams", ["serviceUrl"] = connector.ServiceUrl,
        ["timestamp"] = "2026-11-29T10:00:00Z",
        ["from"] = new JsonObject { ["id"] = "29:" + aadObjectId, ["aadObjectId"] = aadObjectId, ["name"] = name },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "Peer to Peer" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal" },
        ["text"] = text, ["value"] = value, ["replyToId"] = replyToId,
    };

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity) =>
        await http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>Says something (text, a button's value, a card's submit) and checks the bot took it.</summary>
    public async Task SayAsync(string? text, JsonObject? value = null, string? replyToId = null)
    {
        var response = await PostAsync(Activity(text, value, replyToId));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>What the bot posted in this user's conversation, in order.</summary>
    public List<JsonNode> Replies => [.. connector.Replies.Where(r => r.Path.StartsWith($"/v3/conversations/{conversationId}/", StringComparison.Ordinal)).Select(r => r.Activity)];

    public static JsonNode? Attachment(JsonNode activity) => activity["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0] : null;

    public static JsonNode? CardContent(JsonNode activity) => Attachment(activity)?["content"];
}
