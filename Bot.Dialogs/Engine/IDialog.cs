namespace Bot.Dialogs.Engine;

/// <summary>What became of the pupil's answer.</summary>
public abstract record StepOutcome
{
    public static readonly StepOutcome Understood = new UnderstoodOutcome();
    /// <summary>Understood, and the dialog is over: the engine forgets its state.</summary>
    public static readonly StepOutcome Done = new DoneOutcome();
    public static StepOutcome NotUnderstood(string example) => new NotUnderstoodOutcome(example);

    public sealed record UnderstoodOutcome : StepOutcome;
    public sealed record DoneOutcome : StepOutcome;
    /// <param name="Example">How to answer, said before the question is asked again.</param>
    public sealed record NotUnderstoodOutcome(string Example) : StepOutcome;
}

/// <summary>A conversation with a goal (logging a session, …), resumable from its typed state alone.</summary>
public interface IDialog
{
    /// <summary>Stable name, stored in <see cref="ConversationState.Dialog"/> and used as the id of its forms.</summary>
    string Name { get; }

    /// <summary>Whether this folded message starts the dialog; <paramref name="args"/> is what followed the command.</summary>
    bool TryStart(string folded, bool dialogActive, out string? args);

    /// <summary>The id of the menu button that starts this dialog.</summary>
    string StartChoiceId { get; }

    /// <summary>The French label of that button.</summary>
    string MenuLabel { get; }

    /// <summary>Only counsellors may start or continue it; the engine checks, whatever the message says.</summary>
    bool CounsellorOnly => false;

    /// <summary>Its work belongs to a group (a session, a request): a pupil with none is asked for a code first.</summary>
    bool NeedsGroup => false;

    /// <summary>The commands that start it, declared once here; <see cref="TryStart"/> must accept each, typed after "/".</summary>
    IReadOnlyList<CommandDeclaration> Commands => [];

    Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct);

    /// <summary>Takes the answer to the current question (text, a button or a whole form).</summary>
    Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct);

    /// <summary>Asks the current question again.</summary>
    void Reprompt(TurnContext context);

    /// <summary>A sentence of help about where the person is in this dialog.</summary>
    string Help(TurnContext context);
}
