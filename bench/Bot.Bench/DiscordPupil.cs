using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace Bot.Bench;

/// <summary>Signs interactions as Discord does (Ed25519 over timestamp + body) with a key made for the run.</summary>
internal sealed class DiscordSigner : IDisposable
{
    public const string ApplicationId = "1300000000000000000";
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    private static long _ids = 1330000000000000000;

    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public static string NextId() => Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public HttpRequestMessage Request(JsonObject interaction, Key? forgedWith = null)
    {
        var body = Encoding.UTF8.GetBytes(interaction.ToJsonString());
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(forgedWith ?? _key, [.. Encoding.UTF8.GetBytes(timestamp), .. body])));
        return request;
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>A pupil on Discord: /jai-partagé (a modal), its submit (the recap), "Oui, j'enregistre".</summary>
internal sealed class DiscordPupil(string userId)
{
    public const int Steps = 3;
    public int Step { get; private set; }

    public static JsonObject Interaction(string userId, int type, JsonObject data) => new()
    {
        ["id"] = DiscordSigner.NextId(), ["application_id"] = DiscordSigner.ApplicationId, ["type"] = type, ["token"] = "tok", ["version"] = 1,
        ["guild_id"] = "1290000000000000000", ["channel_id"] = "1290000000000000100",
        ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId, ["username"] = "eleve" + userId[^4..] }, ["roles"] = new JsonArray() },
        ["data"] = data,
    };

    /// <summary>The next interaction of this pupil's session.</summary>
    public JsonObject Next() => Step switch
    {
        0 => Interaction(userId, 2, new JsonObject { ["id"] = "1", ["name"] = "jai-partagé", ["type"] = 1 }),
        1 => Interaction(userId, 5, new JsonObject
        {
            ["custom_id"] = "contribution",
            ["components"] = new JsonArray(
                Field(4, "date", "vendredi dernier"), Field(4, "shared", "Un atelier vinyle"), Field(4, "learned", "Régler la découpeuse"),
                Field(3, "domain", "domain:DigitalSkills"), Field(3, "level", "level:3")),
        }),
        _ => Interaction(userId, 3, new JsonObject { ["custom_id"] = "recap:yes", ["component_type"] = 2 }),
    };

    private static JsonObject Field(int type, string id, string value) => new()
    {
        ["type"] = 18,
        ["component"] = type == 3 ? new JsonObject { ["type"] = 3, ["custom_id"] = id, ["values"] = new JsonArray(value) }
            : new JsonObject { ["type"] = 4, ["custom_id"] = id, ["value"] = value },
    };

    /// <summary>What the answer to each step must be: a modal (9), then a message (4) with the recap, then "C'est enregistré".</summary>
    public string? Check(JsonNode? answer)
    {
        var type = answer?["type"]?.GetValue<int>();
        var content = answer?["data"]?["content"]?.GetValue<string>() ?? "";
        var problem = Step switch
        {
            0 when type != 9 => $"step 1: type {type}",
            1 when type != 4 || !content.Contains("**Date :**", StringComparison.Ordinal) => "step 2: no recap",
            2 when type != 4 || !content.StartsWith("C'est enregistré", StringComparison.Ordinal) => "step 3: not saved",
            _ => null,
        };
        Step++;
        return problem;
    }

    public bool Done => Step >= Steps;

    public static async Task<(JsonNode? Answer, TimeSpan Latency, string? Error)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var latency = clock.Elapsed;
            return response.IsSuccessStatusCode ? (JsonNode.Parse(body), latency, null) : (null, latency, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, clock.Elapsed, ex.GetType().Name);
        }
        finally
        {
            request.Dispose();
        }
    }
}
