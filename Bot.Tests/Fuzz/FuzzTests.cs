using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace Bot.Tests.Fuzz;

/// <summary>
/// Thousands of generated requests through Direct Line and Discord: never a 5xx, never an error in
/// the log, an answer in French where a person typed words, and no write to the store for what was refused.
/// </summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int DirectLineCases = 1500, DiscordCases = 1000;
    private readonly TempDatabase _database = new();
    private readonly ErrorLog _errors = new();
    private readonly Key _key = DiscordClient.NewKey();
    private StoreWrites _writes = null!;
    private BotApp _app = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _writes = new StoreWrites(_database.Path);
        _app = new BotApp(_database.ConnectionString, Clocks.At(Clocks.Sunday), services: s => s.AddSingleton<ILoggerProvider>(_errors),
            // Thousands of generated messages in one conversation: no rate limit in the way.
            settings: new Dictionary<string, string>(DiscordClient.Settings(_key)) { ["RateLimits:MessagesPerMinute"] = "100000" });
        _http = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _writes.Dispose();
        _key.Dispose();
        _database.Dispose();
    }

    /// <summary>No stack trace, no exception name, no empty bubble: words for a person.</summary>
    private static void AssertReadable(string? text, string context)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), $"no words in the answer to {context}");
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("   at ", text);
    }

    [Fact]
    public async Task DirectLine_GeneratedMessages_NeverBreakTheBot_AndRefusedOnesWriteNothing()
    {
        var inputs = new FuzzInputs(seed: 20261129);
        var pupil = new DirectLineClient(_http, "fuzz-pupil");
        await pupil.StartAsync();
        var refused = 0;
        for (var i = 0; i < DirectLineCases; i++)
        {
            var typed = inputs.Text();
            var (body, typedWords) = inputs.Next(8) switch
            {
                // What a person types, or clicks (a button id may be forged).
                0 or 1 or 2 => (Encoding.UTF8.GetBytes(DirectLineClient.Message(pupil.UserId, typed).ToJsonString()), typed.Trim().Length > 0),
                3 => (Encoding.UTF8.GetBytes(DirectLineClient.Message(pupil.UserId, typed, new JsonObject { ["choiceId"] = inputs.ChoiceId() }).ToJsonString()), false),
                // Wrong types where the protocol has strings and objects.
                4 => (Encoding.UTF8.GetBytes(new JsonObject
                {
                    ["type"] = inputs.Pick(new[] { "message", "event", "typing", "" }), ["from"] = inputs.Next(2) == 0 ? inputs.AnyValue() : new JsonObject { ["id"] = pupil.UserId },
                    ["text"] = inputs.AnyValue(), ["value"] = inputs.AnyValue(), ["channelData"] = inputs.AnyValue(),
                }.ToJsonString()), false),
                // Someone else's words in this conversation.
                5 => (Encoding.UTF8.GetBytes(DirectLineClient.Message("intrus-" + inputs.Next(1000), typed).ToJsonString()), false),
                // A form that is not the bot's.
                6 => (Encoding.UTF8.GetBytes(DirectLineClient.Message(pupil.UserId, null, new JsonObject { ["formId"] = inputs.Text(), ["date"] = inputs.AnyValue(), ["level"] = inputs.AnyValue() }).ToJsonString()), false),
                _ => (inputs.MalformedBody(), false),
            };
            var writesBefore = _writes.Commands.Count;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{pupil.ConversationId}/activities") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", inputs.Next(20) == 0 ? "forged." + inputs.Next(1000) : pupil.Token);
            using var response = await _http.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"case {i}: {status} for {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 200)]}");
            if (status >= 400)
            {
                refused++;
                Assert.True(_writes.Commands.Count == writesBefore, $"case {i}: refused with {status} but wrote {string.Join(" | ", _writes.Commands.Skip(writesBefore))}");
                AssertReadable(JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"]?["message"]?.GetValue<string>(), $"case {i}");
                continue;
            }
            var said = await pupil.BotSaysAsync();
            if (typedWords) AssertReadable(string.Join(" ", said), $"case {i}: « {typed[..Math.Min(typed.Length, 80)]} »");
        }
        Assert.InRange(refused, DirectLineCases / 10, DirectLineCases - 100); // both kinds were exercised
        Assert.True(_errors.Entries.IsEmpty, string.Join("\n", _errors.Entries.Take(3)));
    }

    [Fact]
    public async Task Discord_GeneratedInteractions_NeverBreakTheBot_AndRefusedOnesWriteNothing()
    {
        var inputs = new FuzzInputs(seed: 6);
        using var forger = DiscordClient.NewKey();
        var lea = new DiscordClient(_http, _key);
        var refused = 0;
        for (var i = 0; i < DiscordCases; i++)
        {
            JsonObject Interaction(int type, JsonObject? data) => lea.Interaction(type, data);
            byte[] body;
            var typedWords = false;
            switch (inputs.Next(7))
            {
                case 0:
                    var text = inputs.Text();
                    typedWords = text.Trim().Length > 0;
                    body = Json(Interaction(2, new JsonObject
                    {
                        ["id"] = "1", ["name"] = inputs.Pick(new[] { "jai-partagé", "qr", "eleve", "aide", "inconnue", "" }), ["type"] = 1,
                        ["options"] = new JsonArray(new JsonObject { ["name"] = "x", ["type"] = 3, ["value"] = text }),
                    }));
                    break;
                case 1:
                    body = Json(Interaction(3, new JsonObject { ["custom_id"] = inputs.Pick(new[] { inputs.ChoiceId(), "u|" + inputs.ChoiceId(), "answer" }), ["component_type"] = 2 }));
                    break;
                case 2:
                    body = Json(Interaction(5, new JsonObject
                    {
                        ["custom_id"] = inputs.Pick(new[] { "contribution", "answer", "review", inputs.Text() }),
                        ["components"] = new JsonArray(new JsonObject { ["type"] = 18, ["component"] = new JsonObject { ["type"] = 4, ["custom_id"] = inputs.Pick(new[] { "date", "text", "shared", inputs.Text() }), ["value"] = inputs.AnyValue() } }),
                    }));
                    break;
                case 3:
                    var wrong = Interaction(2, null);
                    foreach (var field in new[] { "type", "data", "member", "id", "token" }) if (inputs.Next(2) == 0) wrong[field] = inputs.AnyValue();
                    body = Json(wrong);
                    break;
                case 4:
                    body = inputs.MalformedBody();
                    break;
                default:
                    body = Json(Interaction(inputs.Pick(new[] { 1, 2, 3, 4, 5, 99 }), new JsonObject { ["name"] = inputs.Text(), ["custom_id"] = inputs.Text() }));
                    break;
            }
            var forged = inputs.Next(6) == 0;
            var writesBefore = _writes.Commands.Count;
            // Signed at the app's time (the client's clock): the bot refuses timestamps five minutes off.
            using var response = await lea.PostAsync(body, sign: inputs.Next(30) != 0, signWith: forged ? forger : null);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"case {i}: {status} for {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 200)]}");
            if (forged) Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            if (status >= 400)
            {
                refused++;
                Assert.True(_writes.Commands.Count == writesBefore, $"case {i}: refused with {status} but wrote {string.Join(" | ", _writes.Commands.Skip(writesBefore))}");
                continue;
            }
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (typedWords && answer["type"]?.GetValue<int>() == 4) AssertReadable(answer["data"]?["content"]?.GetValue<string>(), $"case {i}");
        }
        Assert.InRange(refused, DiscordCases / 10, DiscordCases - 100);
        Assert.True(_errors.Entries.IsEmpty, string.Join("\n", _errors.Entries.Take(3)));
    }

    private static byte[] Json(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString());
}
