using Bot.Dialogs.Account;
using Bot.Dialogs.Badges;
using Bot.Dialogs.People;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Linking;

/// <summary>What a merge brought over from the person who typed the code, and the doubles it met on the way.</summary>
public sealed record MergeReport(
    int Sessions, int Requests, int SelfAssessments, bool Guide, IReadOnlyList<DateOnly> SameDaySessions,
    IReadOnlyList<(string Trimester, DateTimeOffset Kept)> DoubleAssessments, IReadOnlyList<string> DoubleRequests, bool RemindersTurnedOff)
{
    public bool MovedAnything => Sessions + Requests + SelfAssessments > 0 || Guide;
}

/// <summary>
/// Folds one pupil into another inside the turn's transaction: every row with a PersonId moves (a test
/// lists the tables that have one), and where a unique key or a rule allows one row, one is kept on purpose.
/// Then the person folded in is deleted.
/// </summary>
public static class PersonMerge
{
    public static async Task<MergeReport> MergeAsync(BotDbContext db, Person from, Person into, CancellationToken ct)
    {
        // The turn's changes so far (a first contact's person and identity, this conversation) become rows that the moves below reach.
        await db.SaveChangesAsync(ct);
        var f = from.Id;
        var t = into.Id;

        // Sessions: all kept, two on one date included (the pupil is told).
        var theirDates = await db.Contributions.Where(c => c.PersonId == t).Select(c => c.SessionDate).Distinct().ToListAsync(ct);
        var sameDays = (await db.Contributions.Where(c => c.PersonId == f && theirDates.Contains(c.SessionDate))
            .Select(c => c.SessionDate).Distinct().ToListAsync(ct)).Order().ToList();
        var sessions = await db.Contributions.Where(c => c.PersonId == f).ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonId, t), ct);

        // Badge requests: one pending request per badge (the badges dialog's rule); of two, the older stays.
        var pending = await db.BadgeRequests.AsNoTracking()
            .Where(r => (r.PersonId == f || r.PersonId == t) && r.Status == BadgeRequestStatus.Pending)
            .Select(r => new { r.Id, r.BadgeId, r.CreatedAt }).ToListAsync(ct);
        var doubleRequests = pending.GroupBy(r => r.BadgeId).Where(g => g.Count() > 1).ToList();
        var dropped = doubleRequests.SelectMany(g => g.OrderBy(r => r.CreatedAt.UtcTicks).Skip(1)).Select(r => r.Id).ToList();
        if (dropped.Count > 0) await db.BadgeRequests.Where(r => dropped.Contains(r.Id)).ExecuteDeleteAsync(ct);
        var requests = await db.BadgeRequests.Where(r => r.PersonId == f).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, t), ct);

        // Self-assessments: one per trimester (a unique index); of two, the most recent stays.
        var assessments = await db.TrimesterSelfAssessments.AsNoTracking().Where(a => a.PersonId == f || a.PersonId == t)
            .Select(a => new { a.Id, a.Trimester, a.UpdatedAt }).ToListAsync(ct);
        var doubleAssessments = new List<(string, DateTimeOffset)>();
        var older = new List<Guid>();
        foreach (var trimester in assessments.GroupBy(a => a.Trimester).Where(g => g.Count() > 1))
        {
            var newest = trimester.MaxBy(a => a.UpdatedAt.UtcTicks)!;
            doubleAssessments.Add((trimester.Key, newest.UpdatedAt));
            older.AddRange(trimester.Where(a => a.Id != newest.Id).Select(a => a.Id));
        }
        if (older.Count > 0) await db.TrimesterSelfAssessments.Where(a => older.Contains(a.Id)).ExecuteDeleteAsync(ct);
        var selfAssessments = await db.TrimesterSelfAssessments.Where(a => a.PersonId == f).ExecuteUpdateAsync(s => s.SetProperty(a => a.PersonId, t), ct);

        var guide = await MergeGuideAsync(db, f, t, ct);

        // Reminders already sent: one per (kind, period, person), a unique index; the other person's record stands for both.
        await db.SentReminders.Where(r => r.PersonId == f && db.SentReminders.Any(o => o.PersonId == t && o.Kind == r.Kind && o.Period == r.Period))
            .ExecuteDeleteAsync(ct);
        await db.SentReminders.Where(r => r.PersonId == f).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, t), ct);
        await db.Outbox.Where(m => m.PersonId == f).ExecuteUpdateAsync(s => s.SetProperty(m => m.PersonId, (Guid?)t), ct);
        await db.Outbox.Where(m => m.AboutPersonId == f).ExecuteUpdateAsync(s => s.SetProperty(m => m.AboutPersonId, (Guid?)t), ct);
        await db.Conversations.Where(c => c.PersonId == f).ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonId, (Guid?)t), ct);
        // Codes and wrong tries are about the person folded in: they go with them.
        await db.LinkCodes.Where(c => c.PersonId == f).ExecuteDeleteAsync(ct);
        await db.LinkLockouts.Where(l => l.PersonId == f).ExecuteDeleteAsync(ct);
        await db.ChannelIdentities.Where(i => i.PersonId == f).ExecuteUpdateAsync(s => s.SetProperty(i => i.PersonId, t), ct);

        // Settings: a "stop rappels" on either side holds (an opt-out is not undone behind the pupil's back).
        var remindersOff = from.RemindersOff && !into.RemindersOff;
        if (remindersOff) into.RemindersOff = true;
        // The person kept keeps their group; one who had none takes the other's. Rows stay in the group they were logged in.
        into.GroupId ??= from.GroupId;
        into.DisplayName ??= from.DisplayName;
        await db.People.Where(p => p.Id == f).ExecuteDeleteAsync(ct);
        // What the tracker still holds about the person gone is not written back.
        foreach (var entry in db.ChangeTracker.Entries()
                     .Where(e => e.Entity == from || e.Entity is ChannelIdentity i && i.PersonId == f || e.Entity is LinkLockout l && l.PersonId == f).ToList())
            entry.State = EntityState.Detached;

        return new MergeReport(sessions, requests, selfAssessments, guide, sameDays, doubleAssessments,
            [.. doubleRequests.Select(g => g.Key)], remindersOff);
    }

    /// <summary>Where each stopped in the account guide (one row per person, its key): the furthest step stays.</summary>
    private static async Task<bool> MergeGuideAsync(BotDbContext db, Guid f, Guid t, CancellationToken ct)
    {
        var guides = await db.GuideProgress.AsNoTracking().Where(g => g.PersonId == f || g.PersonId == t).ToListAsync(ct);
        if (guides.FirstOrDefault(g => g.PersonId == f) is not { } ours) return false;
        await db.GuideProgress.Where(g => g.PersonId == f).ExecuteDeleteAsync(ct);
        if (guides.FirstOrDefault(g => g.PersonId == t) is not { } theirs)
        {
            db.GuideProgress.Add(new GuideProgress { PersonId = t, Step = ours.Step, UpdatedAt = ours.UpdatedAt });
            return true;
        }
        if (ours.Step <= theirs.Step) return false;
        await db.GuideProgress.Where(g => g.PersonId == t)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Step, ours.Step).SetProperty(g => g.UpdatedAt, ours.UpdatedAt), ct);
        return true;
    }
}
