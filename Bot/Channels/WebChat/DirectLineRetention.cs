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
        var oldMessages = (await db.DirectLineActivities.AsNoTracking().Select(a => new { a.ConversationId, a.Sequence, a.CreatedAt }).ToListAsync(ct))
            .Where(a => a.CreatedAt < now.AddDays(-options.Value.TranscriptDays)).GroupBy(a => a.ConversationId);
        foreach (var conversation in oldMessages)
        {
            var last = conversation.Max(a => a.Sequence);
            deleted += await db.DirectLineActivities.Where(a => a.ConversationId == conversation.Key && a.Sequence <= last).ExecuteDeleteAsync(ct);
        }
        // Conversations left empty and old: nothing to resume there any more.
        var emptyOld = (await db.DirectLineConversations.AsNoTracking()
                .Where(c => !db.Set<DirectLineActivity>().Any(a => a.ConversationId == c.Id)).Select(c => new { c.Id, c.CreatedAt }).ToListAsync(ct))
            .Where(c => c.CreatedAt < now.AddDays(-options.Value.TranscriptDays)).Select(c => c.Id).ToList();
        if (emptyOld.Count > 0) deleted += await db.DirectLineConversations.Where(c => emptyOld.Contains(c.Id)).ExecuteDeleteAsync(ct);
        return deleted;
    }
}
