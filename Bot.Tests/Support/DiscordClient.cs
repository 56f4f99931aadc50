using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Bot.Tests.Support;

/// <summary>
/// Plays Discord: builds interactions for one user, signs them with the application's key and the
/// time on <paramref name="clock"/> (the app's own clock: the bot refuses timestamps five minutes off), posts them.
/// Without a clock: Sunday 29 November 2026, 10:00 in Paris, where the tests' apps stand.
/// </summary>
public sealed class DiscordClient(HttpClient http, Key key, string userId = "80351110224678912", string name = "Léa", string[]? roles = null,
    TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? Clocks.At(Clocks.Sunday);

    public const string Guild = "1290000000000000000";
    public const string ChannelId = "1290000000000000100";
    private static long _ids = 1320000000000000000;

    public static Key NewKey() => Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    public static string PublicKeyHex(Key key) => Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <summary>The app's Discord settings for a test: the key's public half, and the fake REST API when given.</summary>
    public static Dictionary<string, string> Settings(Key key, string? apiBaseUrl = null, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string> { ["Discord:ApplicationId"] = "1300000000000000000", ["Discord:PublicKey"] = PublicKeyHex(key) };
        if (apiBaseUrl is not null) (settings["Discord:BotToken"], settings["Discord:ApiBaseUrl"]) = ("fake-bot-token", apiBaseUrl);
        foreach (var (k, v) in more) settings[k] = v;
        return settings;
    }

    public JsonObject Interaction(int type, JsonObject? data = null, JsonArray? messageComponents = null) => new()
    {
        ["id"] = Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["application_id"] = "1300000000000000000", ["type"] = type, ["token"] = "token", ["version"] = 1,
        ["guild_id"] = Guild, ["channel_id"] = ChannelId,
        ["member"] = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = name.ToLowerInvariant(), ["global_name"] = name },
            ["roles"] = new JsonArray([.. (roles ?? []).Select(r => (JsonNode)r)]),
        },
        ["data"] = data,
        ["message"] = messageComponents is null ? null : new JsonObject { ["id"] = "1", ["components"] = messageComponents },
    };

    public Task<JsonObject> CommandAsync(string name, params string[] options) =>
        SendAsync(Interaction(2, new JsonObject
        {
            ["id"] = "1", ["name"] = name, ["type"] = 1,
            ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = "x", ["type"] = 3, ["value"] = o })]),
        }));

    public Task<JsonObject> ClickAsync(string customId) => SendAsync(Interaction(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }));

    /// <summary>A click on a button of a message the bot posted: Discord sends that message along.</summary>
    public Task<JsonObject> ClickInMessageAsync(JsonNode message, string customId)
    {
        var interaction = Interaction(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 });
        interaction["message"] = new JsonObject { ["id"] = "2001", ["content"] = message["content"]!.DeepClone(), ["components"] = message["components"]!.DeepClone() };
        return SendAsync(interaction);
    }

    /// <summary>Submits a modal in the current shape: each field in a Label.</summary>
    public Task<JsonObject> SubmitAsync(string customId, Dictionary<string, string> fields) =>
        SendAsync(Interaction(5, new JsonObject
        {
            ["custom_id"] = customId,
            ["components"] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject
            {
                ["type"] = 18,
                ["component"] = f.Value.StartsWith("domain:", StringComparison.Ordinal) || f.Value.StartsWith("level:", StringComparison.Ordinal)
                    ? new JsonObject { ["type"] = 3, ["custom_id"] = f.Key, ["values"] = new JsonArray(f.Value) }
                    : new JsonObject { ["type"] = 4, ["custom_id"] = f.Key, ["value"] = f.Value },
            })]),
        }));

    public async Task<JsonObject> SendAsync(JsonObject interaction)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(interaction.ToJsonString()), sign: true);
        response.EnsureSuccessStatusCode();
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        DiscordJsonDump.Save("response", answer);
        return answer;
    }

    /// <summary>The X-Signature-Timestamp Discord would send now: Unix seconds.</summary>
    public string Timestamp(TimeSpan? offset = null) =>
        (_clock.GetUtcNow() + (offset ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task<HttpResponseMessage> PostAsync(byte[] body, bool sign, Key? signWith = null, string? timestamp = null)
    {
        timestamp ??= Timestamp();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (sign)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
            request.Headers.Add("X-Signature-Ed25519",
                Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(signWith ?? key, [.. Encoding.UTF8.GetBytes(timestamp), .. body])));
        }
        return http.SendAsync(request);
    }
}
