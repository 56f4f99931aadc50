namespace Bot.Dialogs.Engine;

/// <summary>Who speaks, as their channel knows them. The channel decides this from its own authentication.</summary>
public sealed record ChannelUser(string Channel, string Id, string? DisplayName = null);

/// <summary>One message from a person, whatever the channel.</summary>
/// <param name="ChoiceId">The id of a button the bot offered, when one was clicked.</param>
/// <param name="Form">The form submitted, when one was.</param>
/// <param name="IsCounsellor">Decided by the turn runner's counsellor policy, for an identity the channel authenticated: never by a channel's payload.</param>
/// <param name="PrefersForms">The channel shows forms well (a Discord modal): a dialog may ask everything at once.</param>
public sealed record IncomingMessage(
    ChannelUser From,
    string ConversationId,
    string? Text = null,
    string? ChoiceId = null,
    SubmittedForm? Form = null,
    bool IsCounsellor = false,
    bool PrefersForms = false)
{
    /// <summary>Where it was written, as the channel authenticated it ("discord:guild:…", "teams:team:…"): a group may be mapped to it.</summary>
    public IReadOnlyList<string>? Places { get; init; }

    /// <summary>The groups (slugs) the counsellor's sign-in names them a counsellor of, as the server found it; null: no sign-in.</summary>
    public IReadOnlyList<string>? CounsellorGroups { get; init; }

    /// <summary>The roles the channel authenticated with the sender (Discord's member roles): a group may list one for its counsellors.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
}

/// <summary>A filled form: the id of the form the bot sent, and field id → value.</summary>
public sealed record SubmittedForm(string Id, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// What a turn produced. <see cref="Private"/> asks channels that can to show it to the sender only;
/// <see cref="ExpectsAnswer"/>: a dialog waits for the person's next words (a channel without a text box offers one).
/// <see cref="Failed"/>: the turn broke; its changes must be rolled back and the conversation reset (the turn runner does).
/// </summary>
public sealed record TurnResult(IReadOnlyList<Reply> Replies, bool Private = false, bool ExpectsAnswer = false, bool Failed = false);
