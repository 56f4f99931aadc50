using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Dialogs.Account;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Issuing;
using Bot.Dialogs.MyData;
using Bot.Dialogs.Qr;
using Bot.Dialogs.Review;

namespace Bot.Dialogs.Engine;

/// <summary>
/// Typed state of one conversation. Each dialog owns one property; only the active dialog's is set.
/// </summary>
public sealed record ConversationState
{
    public static readonly ConversationState Empty = new();

    public string? Dialog { get; init; }
    /// <summary>Answers in a row that the bot did not understand.</summary>
    public int Misses { get; init; }
    public ContributionDraft? Contribution { get; init; }
    public AccountDraft? Account { get; init; }
    public BadgeDraft? Badge { get; init; }
    public QrDraft? Qr { get; init; }
    public MyDataDraft? MyData { get; init; }
    public ReviewDraft? Review { get; init; }
    public ClaimDraft? Claim { get; init; }
    public SelfAssessment.SelfAssessmentDraft? SelfAssessment { get; init; }

    internal string ToJson() => JsonSerializer.Serialize(this, StateJson.Default.ConversationState);

    internal static ConversationState FromJson(string json) =>
        JsonSerializer.Deserialize(json, StateJson.Default.ConversationState) ?? Empty;
}

// Source-generated: no reflection when a turn loads or saves its state.
[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class StateJson : JsonSerializerContext;
