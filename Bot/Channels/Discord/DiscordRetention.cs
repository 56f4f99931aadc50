using Bot.Jobs;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

/// <summary>DM channels of Discord users the bot no longer knows (their person erased or expired), once untouched for Retention:ConversationStateDays.</summary>
internal sealed class DiscordRetention(StoreDbContext db, IOptions<RetentionOptions> options) : IRetentionRule
{
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var orphans = (await db.Set<DiscordDmChannel>().AsNoTracking()
                .Where(d => !db.ChannelIdentities.Any(i => i.Channel == DiscordMapper.Channel && i.ExternalId == d.UserId))
                .Select(d => new { d.UserId, d.UpdatedAt }).ToListAsync(ct))
            .Where(d => d.UpdatedAt < now.AddDays(-options.Value.ConversationStateDays)).Select(d => d.UserId).ToList();
        return orphans.Count == 0 ? 0 : await db.Set<DiscordDmChannel>().Where(d => orphans.Contains(d.UserId)).ExecuteDeleteAsync(ct);
    }
}
