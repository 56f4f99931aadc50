using Bot.Jobs;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// Conversation references of Teams users the bot does not know (installed, never wrote; or their
/// person erased or expired), once untouched for Retention:ConversationStateDays.
/// </summary>
internal sealed class TeamsRetention(StoreDbContext db, IOptions<RetentionOptions> options) : IRetentionRule
{
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var orphans = (await db.Set<TeamsConversation>().AsNoTracking()
                .Where(c => !db.ChannelIdentities.Any(i => i.Channel == TeamsMapper.Channel && i.ExternalId == c.UserId))
                .Select(c => new { c.UserId, c.UpdatedAt }).ToListAsync(ct))
            .Where(c => c.UpdatedAt < now.AddDays(-options.Value.ConversationStateDays)).Select(c => c.UserId).ToList();
        return orphans.Count == 0 ? 0 : await db.Set<TeamsConversation>().Where(c => orphans.Contains(c.UserId)).ExecuteDeleteAsync(ct);
    }
}
