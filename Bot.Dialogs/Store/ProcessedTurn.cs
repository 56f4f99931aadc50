namespace Bot.Dialogs.Store;

/// <summary>
/// A delivery already handled, by its channel's idempotency key (a Direct Line clientActivityID, a
/// Discord interaction id, a Teams activity id, each with the sender), with what it answered: a
/// retried delivery gets the same answer and changes nothing. Kept a day; files are not kept (a
/// repeat names them), and erasure removes the person's and blanks what counsellors were answered.
/// </summary>
public sealed class ProcessedTurn
{
    public required string Channel { get; init; }
    public required string Key { get; init; }
    public required string ConversationId { get; init; }
    /// <summary>What the channel answered besides the replies (the Direct Line activity id).</summary>
    public string? Response { get; init; }
    public string Replies { get; init; } = "[]";
    public bool ExpectsAnswer { get; init; }
    /// <summary>The channel posted the answer (Teams posts after the commit): a delivery that comes again before then is answered again.</summary>
    public bool Answered { get; set; }
    public DateTime CreatedAt { get; init; }

    /// <summary>Keys are stored as their SHA-256 (hex): whatever a client sends, the column's size holds.</summary>
    public const int MaxKeyLength = 64;
}
