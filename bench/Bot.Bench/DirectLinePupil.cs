using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Bench;

/// <summary>A pupil on the web chat: a Direct Line conversation, then /jai-partagé typed and clicked through to "C'est enregistré".</summary>
internal sealed class DirectLinePupil(HttpClient http, string userId)
{
    /// <summary>The seven turns of a session: the command, the date typed, two answers, three buttons.</summary>
    public static readonly (string Text, string? ChoiceId)[] Session =
    [
        ("/jai-partagé", null),
        ("vendredi dernier", null),
        ("J'ai montré comment monter une vidéo sur le téléphone", null),
        ("Comment on enregistre un podcast", null),
        ("Compétences numériques", "domain:DigitalSkills"),
        ("3 · Je sais faire", "level:3"),
        ("Oui, j'enregistre", "recap:yes"),
    ];

    private string _conversation = "", _token = "";

    public async Task StartAsync()
    {
        using var response = await http.PostAsync("/v3/directline/conversations",
            new StringContent(new JsonObject { ["user"] = new JsonObject { ["id"] = userId } }.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        (_conversation, _token) = (body["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>());
    }

    /// <summary>One turn: the POST that carries the message; the bot answers within it (its replies are stored before the 200).</summary>
    public async Task<(bool Ok, TimeSpan Latency, string? Error)> SayAsync(string text, string? choiceId)
    {
        var activity = new JsonObject
        {
            ["type"] = "message", ["from"] = new JsonObject { ["id"] = userId, ["role"] = "user" }, ["text"] = text,
            ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
        };
        if (choiceId is not null) activity["value"] = new JsonObject { ["choiceId"] = choiceId };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{_conversation}/activities")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return ((int)response.StatusCode == 200, clock.Elapsed, (int)response.StatusCode == 200 ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (false, clock.Elapsed, ex.GetType().Name);
        }
    }

    /// <summary>The bot's last words in the conversation (one poll, as Web Chat does).</summary>
    public async Task<string?> LastBotTextAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{_conversation}/activities");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"poll: HTTP {(int)response.StatusCode}", null, response.StatusCode);
        var activities = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
        return activities.LastOrDefault(a => a?["from"]?["role"]?.GetValue<string>() == "bot")?["text"]?.GetValue<string>();
    }
}
