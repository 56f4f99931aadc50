using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Review;

/// <summary>
/// A group's trimester whose review the counsellor closed (<c>/clore</c>, or the button under <c>/suivi</c>): from then on
/// its pupils can no longer log, change or delete a session of that trimester, so that what was reviewed stays as it was
/// reviewed. The counsellor can open it again.
/// </summary>
public sealed class ClosedTrimester
{
    public Guid GroupId { get; init; }
    /// <summary>The trimester's first and last days when it was closed (the calendar may change later; the closing does not).</summary>
    public DateOnly First { get; init; }
    public DateOnly Last { get; init; }
    public required string Trimester { get; init; }
    public DateTimeOffset ClosedAt { get; init; }
    /// <summary>The counsellor's name as the bot knew it (as a decision's <c>DecidedBy</c>).</summary>
    public required string ClosedBy { get; init; }

    /// <summary>The closed trimester of <paramref name="groupId"/> that <paramref name="day"/> belongs to, or null.</summary>
    public static Task<ClosedTrimester?> OfAsync(BotDbContext db, Guid? groupId, DateOnly day, CancellationToken ct) =>
        groupId is { } id
            ? db.ClosedTrimesters.AsNoTracking().FirstOrDefaultAsync(c => c.GroupId == id && c.First <= day && c.Last >= day, ct)
            : Task.FromResult<ClosedTrimester?>(null);
}
