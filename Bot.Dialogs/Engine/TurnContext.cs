using Bot.Dialogs.People;
using Bot.Dialogs.Store;

namespace Bot.Dialogs.Engine;

/// <summary>One turn: the message, who sent it, the conversation state, and the replies being built.</summary>
public sealed class TurnContext(IncomingMessage message, Person person, ConversationState state, BotDbContext db, DateTimeOffset now, DateOnly today)
{
    private readonly List<Reply> _replies = [];
    private object? _draft;

    public IncomingMessage Message { get; } = message;
    /// <summary>Who speaks; another person once linking merged them or unlinking detached this channel.</summary>
    public Person Person { get; private set; } = person;

    /// <summary>From now on the turn is that person's: the engine binds the conversation to them.</summary>
    internal void SwitchPerson(Person other) => Person = other;
    /// <summary>The conversation's state; set by the engine (a dialog keeps its draft with <see cref="Keep{TDraft}"/>).</summary>
    public ConversationState State
    {
        get => _state;
        set
        {
            _state = value;
            _draft = null; // whatever was read belongs to the state replaced
        }
    }

    private ConversationState _state = state;
    public BotDbContext Db { get; } = db;
    public DateTimeOffset Now { get; } = now;
    /// <summary>Today in the programme's time zone (Europe/Paris).</summary>
    public DateOnly Today { get; } = today;
    public IReadOnlyList<Reply> Replies => _replies;

    /// <summary>True on the very first message a person ever sends: the bot introduces itself.</summary>
    public bool IsFirstContact { get; init; }

    /// <summary>Set once every row about the person has been erased: the turn must save nothing back.</summary>
    public bool PersonErased { get; private set; }

    public void MarkPersonErased() => PersonErased = true;

    public string Text => Message.Text ?? string.Empty;

    /// <summary>The active dialog's draft, read with that dialog's own (source-generated) JSON type; null when it has none yet.</summary>
    public TDraft? Draft<TDraft>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<TDraft> type) where TDraft : class
    {
        if (State.Draft is not { } json) return null;
        if (_draft is TDraft known) return known;
        var draft = System.Text.Json.JsonSerializer.Deserialize(json, type);
        _draft = draft;
        return draft;
    }

    /// <summary>Keeps the active dialog's draft for its next turn.</summary>
    public void Keep<TDraft>(TDraft draft, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TDraft> type) where TDraft : class
    {
        State = State with { Draft = System.Text.Json.JsonSerializer.SerializeToElement(draft, type) };
        _draft = draft; // after the setter, which forgets what was read
    }

    public void Say(string text) => _replies.Add(new TextReply(text));

    public void Ask(string text, params IReadOnlyList<Choice> choices) => _replies.Add(new ChoicesReply(text, choices));

    public void Add(Reply reply) => _replies.Add(reply);

    /// <summary>
    /// Adds buttons to the last reply rather than as a reply of their own: channels show only the
    /// buttons of the last message, and the question's own buttons must stay.
    /// </summary>
    internal void AppendChoices(params IReadOnlyList<Choice> extra)
    {
        var last = _replies.Count - 1;
        _replies[last] = _replies[last] switch
        {
            ChoicesReply choices => choices with { Choices = [.. choices.Choices, .. extra] },
            TextReply text => new ChoicesReply(text.Text, extra),
            _ => _replies[last],
        };
    }
}
