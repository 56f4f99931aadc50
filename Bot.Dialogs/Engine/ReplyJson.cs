using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Replies as JSON, for what outlives the turn that made them: a notice waiting in the outbox, the
/// answer kept for a retried delivery. Source-generated: no reflection on the hot path.
/// </summary>
public static class ReplyJson
{
    public static string Write(IReadOnlyList<Reply> replies) =>
        JsonSerializer.Serialize([.. replies], ReplyJsonContext.Default.ReplyArray);

    public static IReadOnlyList<Reply> Read(string json) =>
        JsonSerializer.Deserialize(json, ReplyJsonContext.Default.ReplyArray) ?? [];
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Reply[]))]
internal sealed partial class ReplyJsonContext : JsonSerializerContext;
