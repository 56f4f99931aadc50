namespace Bot.Dialogs.Reminders;

/// <summary>
/// One proactive message sent to one person for one period ("friday-reminder", "2026-11-27").
/// Unique per (kind, period, person), and written in the same transaction as the message: a job
/// run twice, or stopped half-way and run again, never sends it twice and never skips it.
/// </summary>
public sealed class SentReminder
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Kind { get; init; }
    public required string Period { get; init; }
    public Guid PersonId { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public bool Delivered { get; init; }
}

/// <summary>One message posted in the counsellors' room for one period: (kind, period) is its key.</summary>
public sealed class SentRoomMessage
{
    public required string Kind { get; init; }
    public required string Period { get; init; }
    public DateTimeOffset SentAt { get; init; }
}
