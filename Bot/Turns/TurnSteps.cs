using Bot.Dialogs.Engine;

namespace Bot.Turns;

/// <summary>What a channel hands the runner: the neutral message, the channel's idempotency key, and the roles the channel authenticated.</summary>
/// <param name="Key">Unique per delivery on the channel (scoped by the channel): a second delivery with it gets the first one's answer.</param>
public sealed record TurnRequest(IncomingMessage Message, string? Key, IReadOnlyCollection<string>? Roles = null);

/// <param name="Duplicate">The key had been handled: nothing ran, <see cref="Result"/> is the first answer (files named, not sent again).</param>
/// <param name="Refused">The channel's own check inside the transaction refused the turn: nothing was written.</param>
/// <param name="Conflict">Other writes kept winning: nothing was written; the person should send it again.</param>
/// <param name="Answered">For a duplicate: whether the channel had marked the first answer as posted (<see cref="TurnRunner.MarkAnsweredAsync"/>).</param>
public sealed record TurnOutcome(
    TurnResult Result, string? Response, bool Duplicate = false, bool Refused = false, bool Conflict = false, bool Answered = true);

/// <summary>
/// A channel's own writes inside the turn's transaction (the web chat's transcript, Teams'
/// conversation reference). One instance per delivery: it may keep what it needs between the steps.
/// </summary>
public abstract class TurnSteps
{
    public static readonly TurnSteps None = new NoSteps();

    /// <summary>Before the engine runs; false refuses the turn and nothing is written.</summary>
    public virtual Task<bool> BeforeAsync(IServiceProvider services, CancellationToken ct) => Task.FromResult(true);

    /// <summary>After the engine, with its replies, before the commit.</summary>
    public virtual Task AfterAsync(IServiceProvider services, TurnResult result, CancellationToken ct) => Task.CompletedTask;

    /// <summary>What the channel answers besides the replies (the Direct Line activity id), kept for a retried delivery.</summary>
    public virtual string? Response => null;

    /// <summary>The channel posts the answer itself after the commit (Teams), and says so with <see cref="TurnRunner.MarkAnsweredAsync"/>.</summary>
    public virtual bool PostsAfterCommit => false;

    /// <summary>
    /// Whether the channel answers from the outcome's replies, so that a retried delivery needs them again and the runner
    /// draws their charts (false: the channel keeps them itself, as the web chat's transcript does).
    /// </summary>
    public virtual bool ReplaysReplies => true;

    /// <summary>Whether the runner decided the speaker is a counsellor (their answers may speak of pupils).</summary>
    public bool SpeakerIsCounsellor { get; internal set; }

    private sealed class NoSteps : TurnSteps;
}
