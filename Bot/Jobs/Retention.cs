using System.ComponentModel.DataAnnotations;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Jobs;

/// <summary>How long data is kept (appsettings "Retention", in days). Pupils are minors: no longer than the purpose needs.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>An unfinished conversation (a half-logged session…) is forgotten after this.</summary>
    [Range(1, 3650)] public int ConversationStateDays { get; set; } = 30;

    /// <summary>Web chat transcripts: the messages themselves.</summary>
    [Range(1, 3650)] public int TranscriptDays { get; set; } = 90;

    /// <summary>Sessions and badge requests: long enough for the school year's reviews and the next one's.</summary>
    [Range(30, 3650)] public int ContributionDays { get; set; } = 730;

    /// <summary>Records of reminders sent (they only prevent duplicates).</summary>
    [Range(7, 3650)] public int SentReminderDays { get; set; } = 90;

    /// <summary>A pupil's address given for issuing a badge, if issuing keeps failing: erased after this (the counsellor sees why).</summary>
    [Range(1, 365)] public int IssueAddressDays { get; set; } = 30;
}

/// <summary>
/// Deletes what has outlived its retention. Dates stored as DateTimeOffset are compared in SQL on PostgreSQL, where
/// a region's groups share one database; on SQLite, which cannot compare them, in memory: one town's volumes are small.
/// </summary>
public sealed partial class Retention(StoreDbContext db, StoreWriteScope writes, IEnumerable<IRetentionRule> rules, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<RetentionOptions> options, Dialogs.MyData.PersonalData personalData, ILogger<Retention> logger)
{
    public const string JobId = "retention";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        // Its deletes (and the channels' rules', same scope) bypass SaveChanges: on SQLite, take the writer's turn here, not in SQLite's busy loop.
        await using var gate = await writes.HoldAsync(ct);
        var now = clock.GetUtcNow();
        var o = options.Value;
        var deleted = 0;

        // PostgreSQL compares the DateTimeOffset columns in SQL, each on an index of its own; SQLite cannot compare them.
        deleted += db.Database.IsSqlite() ? await DeleteExpiredInMemoryAsync(now, o, ct) : await DeleteExpiredInSqlAsync(now, o, ct);
        var oldestSession = DateOnly.FromDateTime(now.AddDays(-o.ContributionDays).UtcDateTime);
        deleted += await db.Contributions.Where(c => c.SessionDate < oldestSession).ExecuteDeleteAsync(ct);
        deleted += await db.ClosedTrimesters.Where(c => c.Last < oldestSession).ExecuteDeleteAsync(ct);

        // Answers kept for retried deliveries: channels retry within minutes, a day is plenty.
        var dayAgo = now.UtcDateTime.AddDays(-1);
        deleted += await db.ProcessedTurns.Where(t => t.CreatedAt < dayAgo).ExecuteDeleteAsync(ct);
        // The outbox's delivered or abandoned rows (their words are already gone): as long as the records of reminders.
        var outboxDone = now.UtcDateTime.AddDays(-o.SentReminderDays);
        deleted += await db.Outbox.Where(m => m.Status != Dialogs.Notices.OutboxStatus.Pending && m.DoneAt < outboxDone).ExecuteDeleteAsync(ct);

        // An address for issuing a badge that never went out: not kept while issuing keeps failing.
        var staleAddresses = (await db.BadgeRequests.Where(r => r.IssueEmail != null).ToListAsync(ct))
            .Where(r => (r.DecidedAt ?? r.CreatedAt) < now.AddDays(-o.IssueAddressDays)).ToList();
        foreach (var request in staleAddresses)
        {
            request.IssueEmail = null;
            request.IssueError = $"adresse effacée après {o.IssueAddressDays} jours sans envoi : l'élève doit la redonner";
        }
        await db.SaveChangesAsync(ct);
        deleted += staleAddresses.Count;

        // A person none of whose identities spoke for two years is forgotten whole, as by their own erasure.
        deleted += await ForgetQuietPeopleAsync(now.AddDays(-o.ContributionDays), ct);
        if (db.ErasedSomeone) await StoreExtensions.ForgetFreedPagesAsync(db, ct);

        deleted += await ForgetEmptyArchivedGroupsAsync(now.AddDays(-o.ContributionDays), ct);

        // The channels' own tables, by their own rules.
        foreach (var rule in rules) deleted += await rule.DeleteExpiredAsync(now, ct);

        LogDeleted(deleted);
        return deleted;
    }

    /// <summary>The rows dated with a DateTimeOffset past their retention, deleted by one statement per table.</summary>
    private async Task<int> DeleteExpiredInSqlAsync(DateTimeOffset now, RetentionOptions o, CancellationToken ct)
    {
        var states = now.AddDays(-o.ConversationStateDays);
        var history = now.AddDays(-o.ContributionDays);
        var records = now.AddDays(-o.SentReminderDays);
        var deleted = await db.Conversations.Where(c => c.UpdatedAt < states).ExecuteDeleteAsync(ct);
        deleted += await db.BadgeRequests.Where(r => r.CreatedAt < history).ExecuteDeleteAsync(ct);
        deleted += await db.SentRoomMessages.Where(r => r.SentAt < records).ExecuteDeleteAsync(ct);
        deleted += await db.SentReminders.Where(r => r.SentAt < records).ExecuteDeleteAsync(ct);
        deleted += await db.GroupRuns.Where(r => r.RanAt < records).ExecuteDeleteAsync(ct);
        deleted += await db.TrimesterSelfAssessments.Where(a => a.UpdatedAt < history).ExecuteDeleteAsync(ct);
        return deleted;
    }

    /// <summary>The same on SQLite: the dates read and compared here, then the expired rows deleted by key.</summary>
    private async Task<int> DeleteExpiredInMemoryAsync(DateTimeOffset now, RetentionOptions o, CancellationToken ct)
    {
        var deleted = 0;
        var staleStates = (await db.Conversations.AsNoTracking().Select(c => new { c.Channel, c.ConversationId, c.UpdatedAt }).ToListAsync(ct))
            .Where(c => c.UpdatedAt < now.AddDays(-o.ConversationStateDays)).ToList();
        foreach (var c in staleStates)
            deleted += await db.Conversations.Where(r => r.Channel == c.Channel && r.ConversationId == c.ConversationId).ExecuteDeleteAsync(ct);

        var oldRequests = (await db.BadgeRequests.AsNoTracking().Select(r => new { r.Id, r.CreatedAt }).ToListAsync(ct))
            .Where(r => r.CreatedAt < now.AddDays(-o.ContributionDays)).Select(r => r.Id).ToList();
        if (oldRequests.Count > 0) deleted += await db.BadgeRequests.Where(r => oldRequests.Contains(r.Id)).ExecuteDeleteAsync(ct);

        var oldRoomMessages = (await db.SentRoomMessages.AsNoTracking().ToListAsync(ct)).Where(r => r.SentAt < now.AddDays(-o.SentReminderDays)).ToList();
        foreach (var r in oldRoomMessages) deleted += await db.SentRoomMessages.Where(m => m.Kind == r.Kind && m.Period == r.Period).ExecuteDeleteAsync(ct);
        var oldReminders = (await db.SentReminders.AsNoTracking().Select(r => new { r.Id, r.SentAt }).ToListAsync(ct))
            .Where(r => r.SentAt < now.AddDays(-o.SentReminderDays)).Select(r => r.Id).ToList();
        if (oldReminders.Count > 0) deleted += await db.SentReminders.Where(r => oldReminders.Contains(r.Id)).ExecuteDeleteAsync(ct);

        var oldRuns = (await db.GroupRuns.AsNoTracking().ToListAsync(ct)).Where(r => r.RanAt < now.AddDays(-o.SentReminderDays)).ToList();
        foreach (var r in oldRuns)
            deleted += await db.GroupRuns.Where(x => x.GroupId == r.GroupId && x.Kind == r.Kind && x.Period == r.Period).ExecuteDeleteAsync(ct);

        var oldAssessments = (await db.TrimesterSelfAssessments.AsNoTracking().Select(a => new { a.Id, a.UpdatedAt }).ToListAsync(ct))
            .Where(a => a.UpdatedAt < now.AddDays(-o.ContributionDays)).Select(a => a.Id).ToList();
        if (oldAssessments.Count > 0) deleted += await db.TrimesterSelfAssessments.Where(a => oldAssessments.Contains(a.Id)).ExecuteDeleteAsync(ct);
        return deleted;
    }

    /// <summary>An archived group goes once its history has expired: nothing refers to it any more.</summary>
    private async Task<int> ForgetEmptyArchivedGroupsAsync(DateTimeOffset archivedBefore, CancellationToken ct)
    {
        var archived = (await db.Groups.AsNoTracking().Where(g => g.ArchivedAt != null
                && !db.People.Any(p => p.GroupId == g.Id) && !db.Contributions.Any(c => c.GroupId == g.Id)
                && !db.BadgeRequests.Any(r => r.GroupId == g.Id) && !db.TrimesterSelfAssessments.Any(a => a.GroupId == g.Id))
            .Select(g => new { g.Id, g.ArchivedAt }).ToListAsync(ct)).Where(g => g.ArchivedAt < archivedBefore).Select(g => g.Id).ToList();
        return archived.Count == 0 ? 0 : await db.Groups.Where(g => archived.Contains(g.Id)).ExecuteDeleteAsync(ct);
    }

    private async Task<int> ForgetQuietPeopleAsync(DateTimeOffset before, CancellationToken ct)
    {
        List<Guid> quiet;
        if (db.Database.IsSqlite())
        {
            var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.CreatedAt, Used = p.Identities.Select(i => i.LastUsedAt).ToList() })
                .ToListAsync(ct);
            quiet = people.Where(p => p.Used.Append(p.CreatedAt).Max() < before).Select(p => p.Id).ToList();
        }
        else
        {
            // The same test in SQL: made before, and no identity used since (an identity never used does not count).
            quiet = await db.People.Where(p => p.CreatedAt < before && !p.Identities.Any(i => i.LastUsedAt >= before)).Select(p => p.Id).ToListAsync(ct);
        }
        foreach (var id in quiet)
            await personalData.EraseAsync(db, await db.People.SingleAsync(p => p.Id == id, ct), "", ct);
        return quiet.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Deleted} rows past their retention deleted")]
    private partial void LogDeleted(int deleted);
}
