namespace Bot.Dialogs.Store;

/// <summary>
/// A delivery already handled, by its channel's idempotency key (a Direct Line clientActivityID, a
/// Discord interaction id, a Teams activity id), with what it answered: a retried delivery gets the
/// same answer and changes nothing. Kept a day; erased with the person's conversations.
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
    public DateTime CreatedAt { get; init; }

    public const int MaxKeyLength = 200;
}
