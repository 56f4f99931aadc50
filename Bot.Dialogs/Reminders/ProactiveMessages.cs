using System.Globalization;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;
using Bot.Dialogs.Review;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Reminders;

/// <summary>
/// What the bot says first, and to whom: the Friday reminder, the pending-requests digest, the
/// trimester-end nudge. Scheduling is the host's (Hangfire); this decides and sends, once.
/// </summary>
public sealed class ProactiveMessages(BotDbContext db, PersonNotifier notifier, SchoolCalendar calendar, IOptions<RemindersOptions> options, TimeProvider clock)
{
    public const string FridayReminderKind = "friday-reminder";
    public const string DigestKind = "pending-digest";
    public const string NudgeKind = "trimester-nudge";
    public const string SelfAssessmentKind = "self-assessment";

    /// <summary>
    /// Pupils invited to their trimester self-assessment today: on the day it is due (the last week,
    /// <see cref="RemindersOptions.SelfAssessmentDaysBefore"/> days before the end), those who took part and have not done it.
    /// </summary>
    public async Task<(string Trimester, IReadOnlyList<Guid> Pupils)?> SelfAssessmentInviteesAsync(DateOnly today, CancellationToken ct)
    {
        if (calendar.TrimesterOf(today) is not { } term || term.Last.DayNumber - today.DayNumber != options.Value.SelfAssessmentDaysBefore) return null;
        var took = await db.Contributions.AsNoTracking().Where(c => c.SessionDate >= term.First && c.SessionDate <= term.Last)
            .Select(c => c.PersonId).Distinct().ToListAsync(ct);
        var done = await db.TrimesterSelfAssessments.AsNoTracking().Where(a => a.Trimester == term.Name).Select(a => a.PersonId).ToListAsync(ct);
        var pupils = await db.People.AsNoTracking().Where(p => took.Contains(p.Id) && !done.Contains(p.Id) && !p.IsCounsellor).Select(p => p.Id).ToListAsync(ct);
        return (term.Name, pupils);
    }

    public static IReadOnlyList<Reply> SelfAssessmentInvitation() =>
        [new ChoicesReply(SelfAssessment.SelfAssessmentTexts.Invitation, [new Choice("start:selfassessment", "Faire mon bilan")])];

    /// <summary>Pupils to remind today: a school Friday, active lately, nothing logged for today, reminders on.</summary>
    public async Task<IReadOnlyList<Guid>> FridayReminderRecipientsAsync(DateOnly today, CancellationToken ct)
    {
        if (today.DayOfWeek != DayOfWeek.Friday || calendar.IsHoliday(today) || calendar.TrimesterOf(today) is null) return [];
        var since = today.AddDays(-7 * options.Value.ActiveWeeks);
        var active = await db.Contributions.AsNoTracking().Where(c => c.SessionDate >= since)
            .Select(c => new { c.PersonId, c.SessionDate }).ToListAsync(ct);
        var loggedToday = active.Where(c => c.SessionDate == today).Select(c => c.PersonId).ToHashSet();
        var candidates = active.Select(c => c.PersonId).Where(id => !loggedToday.Contains(id)).Distinct().ToList();
        return await db.People.AsNoTracking().Where(p => candidates.Contains(p.Id) && !p.RemindersOff && !p.IsCounsellor)
            .Select(p => p.Id).ToListAsync(ct);
    }

    public static IReadOnlyList<Reply> FridayReminder() =>
        [new ChoicesReply(ReminderTexts.FridayReminder, [new Choice("start:contribution", "Noter ma séance")])];

    public async Task<IReadOnlyList<Guid>> CounsellorsAsync(CancellationToken ct) =>
        await db.People.AsNoTracking().Where(p => p.IsCounsellor).Select(p => p.Id).ToListAsync(ct);

    /// <summary>The digest, or nothing when no request waits.</summary>
    public async Task<IReadOnlyList<Reply>?> DigestAsync(CancellationToken ct)
    {
        var pending = await db.BadgeRequests.CountAsync(r => r.Status == BadgeRequestStatus.Pending, ct);
        // Decisions of the past week that no channel could deliver (a pupil who takes no DMs…): the counsellor tells them herself.
        var unreached = await UnreachedAsync(clock.GetUtcNow().UtcDateTime.AddDays(-7), ct);
        if (pending == 0 && unreached.Count == 0) return null;
        var names = await TrimesterSummary.NamesAsync(db, unreached, ct);
        var text = (pending > 0 ? ReminderTexts.Digest(pending) : "Bonjour !") +
            (unreached.Count == 0 ? "" : "\n\n" + ReminderTexts.Unreached(unreached.Select(id => names[id]).Distinct()));
        return [new ChoicesReply(text, [new Choice("start:review:demandes", "Voir les demandes")])];
    }

    /// <summary>Pupils a decision's notice of theirs reached on no channel (every row of it unreachable or given up).</summary>
    private async Task<IReadOnlyList<Guid>> UnreachedAsync(DateTime since, CancellationToken ct)
    {
        var rows = await db.Outbox.AsNoTracking().Where(m => m.Topic == PersonNotifier.DecisionTopic && m.CreatedAt >= since && m.PersonId != null)
            .Select(m => new { m.NoticeId, m.PersonId, m.Status }).ToListAsync(ct);
        return [.. rows.GroupBy(m => m.NoticeId)
            .Where(n => n.All(m => m.Status is OutboxStatus.Unreachable or OutboxStatus.Failed))
            .Select(n => n.First().PersonId!.Value).Distinct()];
    }

    /// <summary>The nudge, on the days it is due: <see cref="RemindersOptions.NudgeDaysBefore"/> days before the end, and the last Friday.</summary>
    public async Task<IReadOnlyList<Reply>?> NudgeAsync(DateOnly today, CancellationToken ct)
    {
        if (calendar.TrimesterOf(today) is not { } term) return null;
        var lastFriday = Understanding.SessionDateReader.MostRecent(DayOfWeek.Friday, term.Last);
        var daysLeft = term.Last.DayNumber - today.DayNumber;
        if (daysLeft != options.Value.NudgeDaysBefore && today != lastFriday) return null;
        var summary = await TrimesterSummary.TextAsync(db, term, ct);
        return [new TextReply(ReminderTexts.Nudge(term, today == lastFriday ? 0 : daysLeft)),
            new ChoicesReply(summary, [new Choice("start:review:demandes", "Demandes en attente"), new Choice("start:review:export", "Exporter (CSV)")])];
    }

    /// <summary>
    /// Sends to one person once per (kind, period): the record and the outbox rows are saved
    /// together, so a retried or duplicated job finds the record and queues nothing, and a crash
    /// before the save leaves neither, so the retry queues it. The outbox delivers after the commit.
    /// False when it had been sent already.
    /// </summary>
    public async Task<bool> SendOnceAsync(string kind, string period, Guid personId, IReadOnlyList<Reply> message, CancellationToken ct)
    {
        if (await AlreadySentAsync(kind, period, personId, ct)) return false;
        var reachable = await notifier.NotifyAsync(personId, message, ct, kind);
        db.SentReminders.Add(new SentReminder { Kind = kind, Period = period, PersonId = personId, SentAt = clock.GetUtcNow(), Delivered = reachable });
        return await SaveOnceAsync(() => AlreadySentAsync(kind, period, personId, CancellationToken.None), ct);
    }

    public bool HasCounsellorRoom => notifier.HasCounsellorRoom;

    /// <summary>Posts in the counsellors' room once per (kind, period): the record and the post's outbox row commit together.</summary>
    public async Task<bool> SendToRoomOnceAsync(string kind, string period, IReadOnlyList<Reply> message, CancellationToken ct)
    {
        if (await db.SentRoomMessages.AsNoTracking().AnyAsync(r => r.Kind == kind && r.Period == period, ct)) return false;
        if (!notifier.PostToCounsellorRoom(message, kind))
            throw new InvalidOperationException("No counsellors' room is configured any more; the job will try again.");
        db.SentRoomMessages.Add(new SentRoomMessage { Kind = kind, Period = period, SentAt = clock.GetUtcNow() });
        return await SaveOnceAsync(() => db.SentRoomMessages.AsNoTracking().AnyAsync(r => r.Kind == kind && r.Period == period), ct);
    }

    private async Task<bool> SaveOnceAsync(Func<Task<bool>> recordedByTwin, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // A twin job won the race: its message is the one that goes. Anything else is a real failure.
            if (await recordedByTwin()) return false;
            throw;
        }
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The week of a day, for the weekly digest: its Monday.</summary>
    public static string Week(DateOnly day) => Day(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)));

    public DateOnly Today() => ParisTime.Today(clock.GetUtcNow());

    private Task<bool> AlreadySentAsync(string kind, string period, Guid personId, CancellationToken ct) =>
        db.SentReminders.AsNoTracking().AnyAsync(r => r.Kind == kind && r.Period == period && r.PersonId == personId, ct);

}
