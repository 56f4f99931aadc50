using System.Text.Json.Nodes;

namespace Bot.Tests.Support;

/// <summary>
/// With DISCORD_JSON_DUMP set to a folder, every JSON the bot sends to Discord in the tests is kept
/// there, named by what it is, for tools/discord-types to type-check against discord-api-types.
/// </summary>
public static class DiscordJsonDump
{
    private static int _count;

    public static void Save(string kind, JsonNode? json)
    {
        var folder = Environment.GetEnvironmentVariable("DISCORD_JSON_DUMP");
        if (string.IsNullOrEmpty(folder) || json is null) return;
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{kind}.{Interlocked.Increment(ref _count):D4}.json"), json.ToJsonString());
    }

    /// <summary>What a REST call's body is, by its route.</summary>
    public static string KindOf(string method, string path) => (method, path) switch
    {
        ("PATCH", _) when path.EndsWith("/messages/@original", StringComparison.Ordinal) => "patch-original",
        ("POST", _) when path.StartsWith("webhooks/", StringComparison.Ordinal) => "webhook-post",
        ("POST", "users/@me/channels") => "dm-channel",
        ("POST", _) when path.StartsWith("channels/", StringComparison.Ordinal) => "channel-message",
        ("PUT", _) when path.EndsWith("/commands", StringComparison.Ordinal) => "commands",
        _ => "other",
    };
}
