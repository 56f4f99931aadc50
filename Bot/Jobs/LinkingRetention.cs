using Bot.Dialogs.Linking;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Jobs;

/// <summary>
/// Link codes once expired (a used one stays until then, so that a second use is told it served), and locks
/// and wrong tries at linking once their 15 minutes are over. Their times are UTC DateTime: compared in SQL.
/// </summary>
internal sealed class LinkingRetention(StoreDbContext db) : IRetentionRule
{
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var utc = now.UtcDateTime;
        var counted = utc - LinkCodes.Lockout;
        var deleted = await db.LinkCodes.Where(c => c.ExpiresAt <= utc).ExecuteDeleteAsync(ct);
        deleted += await db.LinkLockouts.Where(l => (l.LockedUntil == null || l.LockedUntil <= utc) && l.LastFailureAt <= counted).ExecuteDeleteAsync(ct);
        return deleted;
    }
}
