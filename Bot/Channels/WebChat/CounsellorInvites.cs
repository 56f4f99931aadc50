using System.Security.Cryptography;
using System.Text;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.WebChat;

/// <summary>
/// A one-time invitation for a counsellor on the web chat: its code is shown once (in the link) and
/// kept only as a SHA-256; opened in a browser within 48 hours, it makes that browser's identity a
/// counsellor until revoked.
/// </summary>
public sealed class CounsellorInvite
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; init; }
    public required string CodeHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>The counsellor identity the invitation opened a session for (<see cref="CounsellorSessions.UserIdFor(Guid)"/>).</summary>
    public string? UserId { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The slugs of the groups it makes its counsellor a counsellor of, comma-separated; empty: none named.</summary>
    public string Groups { get; init; } = "";

    public const int MaxGroupsLength = 400;
}

internal sealed class CounsellorInviteConfiguration : IEntityTypeConfiguration<CounsellorInvite>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<CounsellorInvite> e)
    {
        e.Property(i => i.Name).HasMaxLength(100);
        e.Property(i => i.CodeHash).HasMaxLength(64);
        e.Property(i => i.Groups).HasMaxLength(CounsellorInvite.MaxGroupsLength);
        e.Property(i => i.UserId).HasMaxLength(DirectLineConversation.MaxUserIdLength);
        e.HasIndex(i => i.CodeHash).IsUnique();
        e.HasIndex(i => i.UserId);
    }
}

public enum InviteOutcome { Accepted, Unknown, Used, Expired, Revoked }

/// <summary>Invitations: made from the command line, redeemed by a browser, listed and revoked by name.</summary>
public sealed class CounsellorInvites(StoreDbContext db, StoreWriteScope writes, TimeProvider clock, CounsellorSessions sessions)
{
    public static readonly TimeSpan Validity = TimeSpan.FromHours(48);

    /// <summary>A new invitation and its code (128 random bits, base64url): the code is never stored.</summary>
    public async Task<string> CreateAsync(string name, CancellationToken ct, IReadOnlyCollection<string>? groups = null)
    {
        var code = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        db.Set<CounsellorInvite>().Add(new CounsellorInvite
        {
            Name = name.Trim(), CodeHash = Hash(code), CreatedAt = now, ExpiresAt = now + Validity, Groups = string.Join(',', groups ?? []),
        });
        await db.SaveChangesAsync(ct);
        return code;
    }

    /// <summary>Opens a counsellor's session, once per invitation: the caller gives it to the browser.</summary>
    public async Task<(InviteOutcome Outcome, CounsellorSession? Session)> RedeemAsync(string code, CancellationToken ct)
    {
        var hash = Hash(code);
        var invite = await db.Set<CounsellorInvite>().AsNoTracking().FirstOrDefaultAsync(i => i.CodeHash == hash, ct);
        if (invite is null) return (InviteOutcome.Unknown, null);
        if (invite.RevokedAt is not null) return (InviteOutcome.Revoked, null);
        if (invite.UsedAt is not null) return (InviteOutcome.Used, null);
        var now = clock.GetUtcNow();
        if (invite.ExpiresAt < now) return (InviteOutcome.Expired, null);
        var userId = CounsellorSessions.UserIdFor(invite.Id);
        int taken;
        // Once: of two browsers opening it at the same moment, one takes it. ExecuteUpdate bypasses SaveChanges: hold SQLite's gate.
        await using (await writes.HoldAsync(ct))
            taken = await db.Set<CounsellorInvite>().Where(i => i.Id == invite.Id && i.UsedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now).SetProperty(i => i.UserId, userId), ct);
        if (taken != 1) return (InviteOutcome.Used, null);
        return (InviteOutcome.Accepted, await sessions.StartAsync(userId, invite.Name, CounsellorSessions.ByInvitation, invite.Id, ct, invite.Groups));
    }

    public async Task<IReadOnlyList<CounsellorInvite>> ListAsync(CancellationToken ct) =>
        (await db.Set<CounsellorInvite>().AsNoTracking().ToListAsync(ct)).OrderBy(i => i.CreatedAt.UtcTicks).ToList();

    /// <summary>Revokes every invitation given under this name (used or not) and ends their sessions; returns how many.</summary>
    public async Task<int> RevokeAsync(string name, CancellationToken ct)
    {
        var invites = await db.Set<CounsellorInvite>().Where(i => i.Name == name.Trim() && i.RevokedAt == null).ToListAsync(ct);
        foreach (var invite in invites) invite.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await sessions.EndForInvitesAsync([.. invites.Select(i => i.Id)], ct);
        return invites.Count;
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim())));
}

/// <summary>Invitations never used, or revoked, are kept 30 days after (for `counsellor list`), then deleted.</summary>
internal sealed class CounsellorInvitesRetention(StoreDbContext db) : IRetentionRule
{
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var old = (await db.Set<CounsellorInvite>().AsNoTracking().ToListAsync(ct))
            .Where(i => (i.RevokedAt ?? (i.UsedAt is null ? i.ExpiresAt : DateTimeOffset.MaxValue)) < now.AddDays(-30)).Select(i => i.Id).ToList();
        return old.Count == 0 ? 0 : await db.Set<CounsellorInvite>().Where(i => old.Contains(i.Id)).ExecuteDeleteAsync(ct);
    }
}
