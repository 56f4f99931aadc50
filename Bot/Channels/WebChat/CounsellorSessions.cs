using System.Security.Cryptography;
using System.Text;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

/// <summary>
/// A counsellor signed in on the web chat (by an invitation or the town's OpenID Connect provider).
/// The browser holds a cookie naming the session; the chat speaks as <see cref="UserId"/>, a
/// counsellor-only identity that is never the browser's pupil identity. The session ends after
/// <see cref="CounsellorSignInOptions.InactivityHours"/> without use, on "se déconnecter", or when
/// its invitation is revoked; from then on that identity is refused, never taken for a pupil.
/// </summary>
public sealed class CounsellorSession
{
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>"c-…": the web chat user id the counsellor speaks as.</summary>
    public required string UserId { get; init; }
    public required string Name { get; init; }
    /// <summary>How they signed in: <see cref="CounsellorSessions.ByInvitation"/> or <see cref="CounsellorSessions.ByProvider"/>.</summary>
    public required string Via { get; init; }
    public Guid? InviteId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The slugs of the groups this sign-in makes them a counsellor of (the invitation's, or the provider's claims'), comma-separated.</summary>
    public string Groups { get; init; } = "";
}

internal sealed class CounsellorSessionConfiguration : IEntityTypeConfiguration<CounsellorSession>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<CounsellorSession> e)
    {
        e.Property(s => s.UserId).HasMaxLength(DirectLineConversation.MaxUserIdLength);
        e.Property(s => s.Name).HasMaxLength(100);
        e.Property(s => s.Via).HasMaxLength(16);
        e.Property(s => s.Groups).HasMaxLength(CounsellorInvite.MaxGroupsLength);
        e.HasIndex(s => s.UserId);
        e.HasIndex(s => s.InviteId);
    }
}

public sealed class CounsellorSessions(StoreDbContext db, StoreWriteScope writes, TimeProvider clock, IOptions<CounsellorSignInOptions> options)
{
    public const string ByInvitation = "invitation";
    public const string ByProvider = "oidc";
    private const string Prefix = "c-";
    // Last use is written at most this often: a counsellor's turns do not each cost a write.
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public TimeSpan Inactivity => TimeSpan.FromHours(options.Value.InactivityHours);

    /// <summary>Whether a web chat user id is one only a signed-in counsellor can speak as.</summary>
    public static bool IsCounsellorId(string? userId) => userId is not null && userId.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The identity of one account at one provider: the same at every sign-in, from any browser.</summary>
    public static string UserIdFor(string issuer, string subject) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer}\n{subject}")))[..32];

    /// <summary>The identity an invitation gives: one per invitation.</summary>
    public static string UserIdFor(Guid inviteId) => Prefix + inviteId.ToString("N");

    public async Task<CounsellorSession> StartAsync(string userId, string name, string via, Guid? inviteId, CancellationToken ct, string groups = "")
    {
        var now = clock.GetUtcNow();
        var session = new CounsellorSession
        {
            UserId = userId, Name = name.Length > 100 ? name[..100] : name, Via = via, InviteId = inviteId, StartedAt = now, LastSeenAt = now,
            Groups = groups.Length > CounsellorInvite.MaxGroupsLength ? "" : groups,
        };
        db.Set<CounsellorSession>().Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>The session if it is still in force (and its use noted); null once ended or idle too long.</summary>
    public async Task<CounsellorSession?> UseAsync(Guid sessionId, CancellationToken ct)
    {
        var session = await db.Set<CounsellorSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || !InForce(session)) return null;
        await TouchAsync(session, ct);
        return session;
    }

    /// <summary>Whether this identity has a session in force: checked at each of its turns, where the use is noted (not at a page's polls).</summary>
    public async Task<bool> IsActiveAsync(string userId, CancellationToken ct, bool use = true) => await InForceAsync(userId, use, ct) is not null;

    /// <summary>The groups the sign-in behind the counsellor's session in force names; null when no session is in force.</summary>
    public async Task<IReadOnlyList<string>?> GroupsIfActiveAsync(string userId, CancellationToken ct) =>
        await InForceAsync(userId, use: true, ct) is { } session ? (session.Groups.Length == 0 ? [] : session.Groups.Split(',')) : null;

    private async Task<CounsellorSession?> InForceAsync(string userId, bool use, CancellationToken ct)
    {
        if (!IsCounsellorId(userId)) return null;
        var sessions = await db.Set<CounsellorSession>().AsNoTracking().Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(ct);
        // Compared here: SQLite cannot order DateTimeOffset columns.
        var session = sessions.Where(InForce).MaxBy(s => s.LastSeenAt);
        if (session is not null && use) await TouchAsync(session, ct);
        return session;
    }

    /// <summary>"Se déconnecter": the session ends on the server, whatever cookie or token is still around.</summary>
    public async Task EndAsync(Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (await writes.HoldAsync(ct))
            await db.Set<CounsellorSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    /// <summary>Ends the sessions opened with these invitations (they were revoked).</summary>
    public async Task<int> EndForInvitesAsync(IReadOnlyCollection<Guid> inviteIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using (await writes.HoldAsync(ct))
            return await db.Set<CounsellorSession>().Where(s => s.InviteId != null && inviteIds.Contains(s.InviteId.Value) && s.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }

    private bool InForce(CounsellorSession session) => session.EndedAt is null && session.LastSeenAt + Inactivity > clock.GetUtcNow();

    private async Task TouchAsync(CounsellorSession session, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now - session.LastSeenAt < TouchEvery) return;
        await using (await writes.HoldAsync(ct))
            await db.Set<CounsellorSession>().Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
    }
}

/// <summary>Sessions are kept 30 days after they end (or go idle), then deleted.</summary>
internal sealed class CounsellorSessionsRetention(StoreDbContext db, CounsellorSessions sessions) : IRetentionRule
{
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var limit = now.AddDays(-30);
        var old = (await db.Set<CounsellorSession>().AsNoTracking().ToListAsync(ct))
            .Where(s => (s.EndedAt ?? s.LastSeenAt + sessions.Inactivity) < limit).Select(s => s.Id).ToList();
        return old.Count == 0 ? 0 : await db.Set<CounsellorSession>().Where(s => old.Contains(s.Id)).ExecuteDeleteAsync(ct);
    }
}
