using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// What is kept for a repeated delivery: the replies without their files and images (an export
    /// holds every pupil's words; a repeat names the file instead of sending it again). A chart keeps
    /// its numbers: it is drawn again for the repeat.
    /// </summary>
    public static string WriteForReplay(IReadOnlyList<Reply> replies) =>
        Write([.. replies.Select(r => r switch
        {
            FileReply file => new TextReply($"📎 {file.Name}"),
            TextReply { Replay: { } replay } => new TextReply(replay),
            ImageReply image => new TextReply(image.AltText),
            _ => r,
        })]);

    /// <summary>One reply as a JSON node, to keep inside another document (a chart in a web chat activity).</summary>
    public static JsonNode ToNode(Reply reply) => JsonSerializer.SerializeToNode(reply, ReplyJsonContext.Default.Reply)!;

    /// <summary>A reply kept by <see cref="ToNode"/>; null if the node is none.</summary>
    public static Reply? FromNode(JsonNode node) => node.Deserialize(ReplyJsonContext.Default.Reply);

    public static IReadOnlyList<Reply> Read(string json) =>
        JsonSerializer.Deserialize(json, ReplyJsonContext.Default.ReplyArray) ?? [];
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Reply[]))]
[JsonSerializable(typeof(Reply))]
internal sealed partial class ReplyJsonContext : JsonSerializerContext;
