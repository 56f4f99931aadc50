using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Dialogs.Engine;

/// <summary>
/// The state of one conversation: which dialog is active, how many answers in a row were missed,
/// and the active dialog's own draft as JSON (kept as it is, nested), which only that dialog reads (<see cref="TurnContext.Draft{T}"/>).
/// A new dialog brings its draft type with it and touches nothing here.
/// </summary>
public sealed record ConversationState
{
    public static readonly ConversationState Empty = new();

    public string? Dialog { get; init; }
    /// <summary>Answers in a row that the bot did not understand.</summary>
    public int Misses { get; init; }
    public JsonElement? Draft { get; init; }

    internal string ToJson() => JsonSerializer.Serialize(this, StateJson.Default.ConversationState);

    internal static ConversationState FromJson(string json) =>
        JsonSerializer.Deserialize(json, StateJson.Default.ConversationState) ?? Empty;
}

// Source-generated: no reflection when a turn loads or saves its state.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class StateJson : JsonSerializerContext;
