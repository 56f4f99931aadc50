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
    /// Pupils invited to their trimester self-assessment today, group by group with each group's calendar: on the day
    /// it is due (<see cref="RemindersOptions.SelfAssessmentDaysBefore"/> days before the end), those who took part
    /// in the group and have not done it.
    /// </summary>
    public async Task<IReadOnlyList<(Guid PersonId, string Trimester)>> SelfAssessmentInviteesAsync(DateOnly today, CancellationToken ct)
    {
        var invited = new List<(Guid, string)>();
        foreach (var group in await db.Groups.AsNoTracking().Where(g => g.ArchivedAt == null).ToListAsync(ct))
        {
            var term = calendar.For(group.Zone).TrimesterOf(today);
            if (term is null || term.Last.DayNumber - today.DayNumber != options.Value.SelfAssessmentDaysBefore) continue;
            var took = db.Contributions.Where(c => c.GroupId == group.Id && c.SessionDate >= term.First && c.SessionDate <= term.Last).Select(c => c.PersonId);
            // Done or not, pupil by pupil (the unique index on PersonId, Trimester), rather than the whole region's list each group.
            var pupils = await db.People.AsNoTracking().Where(p => p.GroupId == group.Id && took.Contains(p.Id)
                    && !db.TrimesterSelfAssessments.Any(a => a.PersonId == p.Id && a.Trimester == term.Name) && !p.IsCounsellor)
                .Select(p => p.Id).ToListAsync(ct);
            invited.AddRange(pupils.Select(id => (id, term.Name)));
        }
        return invited;
    }

    public static IReadOnlyList<Reply> SelfAssessmentInvitation() =>
        [new ChoicesReply(SelfAssessment.SelfAssessmentTexts.Invitation, [new Choice("start:selfassessment", "Faire mon bilan")])];

    /// <summary>How long after a group's session its reminder may still be planned (an instance down at the time catches up).</summary>
    public static readonly TimeSpan ReminderCatchUp = TimeSpan.FromHours(3);

    /// <summary>
    /// The groups whose session reminder is due now and not planned yet: their session day in a school week of their
    /// zone, the session over (less than <see cref="ReminderCatchUp"/> ago). Each is marked planned in the same save,
    /// once whatever the instances: a twin's mark makes this one skip the group.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> GroupsToRemindAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ParisTime.Today(now);
        var time = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ParisTime.Zone).DateTime);
        var day = Day(today);
        var candidates = await db.Groups.AsNoTracking()
            .Where(g => g.ArchivedAt == null && g.SessionDay == today.DayOfWeek
                && !db.GroupRuns.Any(r => r.GroupId == g.Id && r.Kind == FridayReminderKind && r.Period == day))
            .ToListAsync(ct);
        var due = new List<Guid>();
        foreach (var group in candidates)
        {
            var calendar1 = calendar.For(group.Zone);
            if (time < group.SessionEndsAt || time - group.SessionEndsAt > ReminderCatchUp) continue;
            if (calendar1.IsHoliday(today) || calendar1.TrimesterOf(today) is null) continue;
            db.GroupRuns.Add(new Groups.GroupRun { GroupId = group.Id, Kind = FridayReminderKind, Period = day, RanAt = now });
            due.Add(group.Id);
        }
        if (due.Count == 0) return due;
        try
        {
            await db.SaveChangesAsync(ct);
            return due;
        }
        catch (DbUpdateException)
        {
            // Another instance planned at the same moment: its plan goes, and the next run finds the marks.
            db.ChangeTracker.Clear();
            return [];
        }
    }

    /// <summary>A group's pupils to remind today: active lately in the group, nothing logged for today, reminders on.</summary>
    public async Task<IReadOnlyList<Guid>> SessionReminderRecipientsAsync(Guid groupId, DateOnly today, CancellationToken ct)
    {
        var since = today.AddDays(-7 * options.Value.ActiveWeeks);
        var active = db.Contributions.Where(c => c.GroupId == groupId && c.SessionDate >= since).Select(c => c.PersonId);
        // "Logged today" per pupil (an index seek on PersonId, SessionDate), not as a list of everyone's today: that
        // list read the whole index, every group's, once for each group reminded.
        return await db.People.AsNoTracking()
            .Where(p => p.GroupId == groupId && active.Contains(p.Id) && !db.Contributions.Any(c => c.PersonId == p.Id && c.SessionDate == today)
                && !p.RemindersOff && !p.IsCounsellor)
            .Select(p => p.Id).ToListAsync(ct);
    }

    public static IReadOnlyList<Reply> FridayReminder() =>
        [new ChoicesReply(ReminderTexts.FridayReminder, [new Choice("start:contribution", "Noter ma séance")])];

    /// <summary>Counsellors of at least one open group.</summary>
    public async Task<IReadOnlyList<Guid>> CounsellorsAsync(CancellationToken ct) =>
        await db.GroupCounsellors.Where(c => db.Groups.Any(g => g.Id == c.GroupId && g.ArchivedAt == null)).Select(c => c.PersonId).Distinct().ToListAsync(ct);

    /// <summary>The counsellors of a group.</summary>
    public async Task<IReadOnlyList<Guid>> CounsellorsOfAsync(Guid groupId, CancellationToken ct) =>
        await db.GroupCounsellors.Where(c => c.GroupId == groupId).Select(c => c.PersonId).ToListAsync(ct);

    public async Task<IReadOnlyList<Guid>> OpenGroupsAsync(CancellationToken ct) =>
        await db.Groups.Where(g => g.ArchivedAt == null).Select(g => g.Id).ToListAsync(ct);

    /// <summary>
    /// A counsellor's digest: the requests waiting in their groups, and the pupils of their groups a decision reached on
    /// no channel; nothing when there is neither. <paramref name="counsellorId"/> null: every open group (the counsellors' room of a one-group town).
    /// </summary>
    public async Task<IReadOnlyList<Reply>?> DigestAsync(Guid? counsellorId, CancellationToken ct)
    {
        var groups = counsellorId is { } id
            ? db.GroupCounsellors.Where(c => c.PersonId == id).Select(c => (Guid?)c.GroupId)
            : db.Groups.Where(g => g.ArchivedAt == null).Select(g => (Guid?)g.Id);
        var pending = await db.BadgeRequests.CountAsync(r => r.Status == BadgeRequestStatus.Pending && groups.Contains(r.GroupId), ct);
        // Decisions of the past week that no channel could deliver (a pupil who takes no DMs…): the counsellor tells them herself.
        var unreached = await UnreachedAsync(clock.GetUtcNow().UtcDateTime.AddDays(-7), groups, ct);
        if (pending == 0 && unreached.Count == 0) return null;
        var names = await TrimesterSummary.NamesAsync(db, unreached, ct);
        var text = (pending > 0 ? ReminderTexts.Digest(pending) : "Bonjour !") +
            (unreached.Count == 0 ? "" : "\n\n" + ReminderTexts.Unreached(unreached.Select(id => names[id]).Distinct()));
        return [new ChoicesReply(text, [new Choice("start:review:demandes", "Voir les demandes")])];
    }

    /// <summary>Pupils of these groups a decision's notice reached on no channel (every row of it unreachable or given up).</summary>
    private async Task<IReadOnlyList<Guid>> UnreachedAsync(DateTime since, IQueryable<Guid?> groups, CancellationToken ct)
    {
        var rows = await db.Outbox.AsNoTracking().Where(m => m.Topic == PersonNotifier.DecisionTopic && m.CreatedAt >= since && m.PersonId != null
                && db.People.Any(p => p.Id == m.PersonId && groups.Contains(p.GroupId)))
            .Select(m => new { m.NoticeId, m.PersonId, m.Status }).ToListAsync(ct);
        return [.. rows.GroupBy(m => m.NoticeId)
            .Where(n => n.All(m => m.Status is OutboxStatus.Unreachable or OutboxStatus.Failed))
            .Select(n => n.First().PersonId!.Value).Distinct()];
    }

    /// <summary>
    /// A group's nudge, on the days it is due by its calendar: <see cref="RemindersOptions.NudgeDaysBefore"/> days
    /// before the trimester's end, and on its last session day.
    /// </summary>
    public async Task<IReadOnlyList<Reply>?> NudgeAsync(DateOnly today, Guid groupId, CancellationToken ct)
    {
        if (await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.ArchivedAt == null, ct) is not { } group) return null;
        if (calendar.For(group.Zone).TrimesterOf(today) is not { } term) return null;
        var lastSession = Understanding.SessionDateReader.MostRecent(group.SessionDay, term.Last);
        var daysLeft = term.Last.DayNumber - today.DayNumber;
        if (daysLeft != options.Value.NudgeDaysBefore && today != lastSession) return null;
        var summary = await TrimesterSummary.TextAsync(db, term, group.Id, ct);
        var several = await db.Groups.CountAsync(g => g.ArchivedAt == null, ct) > 1;
        return [new TextReply((several ? $"**{group.Name}** : " : "") + ReminderTexts.Nudge(term, today == lastSession ? 0 : daysLeft, group.SessionDay)),
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

    /// <summary>The counsellors' room is the town's: used while the town has one group only, so that no group reads another's news.</summary>
    public async Task<bool> UsesCounsellorRoomAsync(CancellationToken ct) =>
        notifier.HasCounsellorRoom && await db.Groups.CountAsync(g => g.ArchivedAt == null, ct) == 1;

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
