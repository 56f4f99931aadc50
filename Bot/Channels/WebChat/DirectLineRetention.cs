using Bot.Jobs;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

/// <summary>Web chat transcripts: messages older than Retention:TranscriptDays, then the conversations left empty and old.</summary>
internal sealed class DirectLineRetention(StoreDbContext db, IOptions<RetentionOptions> options) : IRetentionRule
{
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var deleted = 0;
        var before = now.AddDays(-options.Value.TranscriptDays);
        // Per conversation, the last message past its time: it goes with everything before it. PostgreSQL finds them on
        // an index of CreatedAt; SQLite cannot compare DateTimeOffset in SQL, so it reads every message's date.
        var oldMessages = db.Database.IsSqlite()
            ? (await db.DirectLineActivities.AsNoTracking().Select(a => new { a.ConversationId, a.Sequence, a.CreatedAt }).ToListAsync(ct))
                .Where(a => a.CreatedAt < before).GroupBy(a => a.ConversationId).Select(g => (g.Key, Last: g.Max(a => a.Sequence))).ToList()
            : (await db.DirectLineActivities.Where(a => a.CreatedAt < before).GroupBy(a => a.ConversationId)
                .Select(g => new { g.Key, Last = g.Max(a => a.Sequence) }).ToListAsync(ct)).Select(g => (g.Key, g.Last)).ToList();
        foreach (var (conversation, last) in oldMessages)
            deleted += await db.DirectLineActivities.Where(a => a.ConversationId == conversation && a.Sequence <= last).ExecuteDeleteAsync(ct);
        // Conversations left empty and old: nothing to resume there any more.
        var empty = db.DirectLineConversations.Where(c => !db.Set<DirectLineActivity>().Any(a => a.ConversationId == c.Id));
        if (!db.Database.IsSqlite()) return deleted + await empty.Where(c => c.CreatedAt < before).ExecuteDeleteAsync(ct);
        var emptyOld = (await empty.AsNoTracking().Select(c => new { c.Id, c.CreatedAt }).ToListAsync(ct))
            .Where(c => c.CreatedAt < before).Select(c => c.Id).ToList();
        if (emptyOld.Count > 0) deleted += await db.DirectLineConversations.Where(c => emptyOld.Contains(c.Id)).ExecuteDeleteAsync(ct);
        return deleted;
    }
}
