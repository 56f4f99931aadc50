using Bot.Jobs;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Shared;

/// <summary>How a channel reaches one of its users first (a Discord DM channel, a Teams conversation reference).</summary>
internal interface IChannelAddress
{
    string UserId { get; }
    DateTimeOffset UpdatedAt { get; }
}

/// <summary>
/// Addresses of users the bot does not know (installed and never wrote, or whose person was erased
/// or expired), once untouched for Retention:ConversationStateDays.
/// </summary>
internal abstract class UnknownUsersRetention<TAddress>(StoreDbContext db, IOptions<RetentionOptions> options, string channel) : IRetentionRule
    where TAddress : class, IChannelAddress
{
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var unknown = (await db.Set<TAddress>().AsNoTracking()
                .Where(a => !db.ChannelIdentities.Any(i => i.Channel == channel && i.ExternalId == a.UserId))
                .Select(a => new { a.UserId, a.UpdatedAt }).ToListAsync(ct))
            .Where(a => a.UpdatedAt < now.AddDays(-options.Value.ConversationStateDays)).Select(a => a.UserId).ToList();
        return unknown.Count == 0 ? 0 : await db.Set<TAddress>().Where(a => unknown.Contains(a.UserId)).ExecuteDeleteAsync(ct);
    }
}
