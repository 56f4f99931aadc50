using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.WebChat;

/// <summary>
/// A Direct Line conversation. <see cref="UserId"/> is the user the server bound to it when it
/// was created; activities from anyone else are refused. <see cref="ActivityCount"/> numbers the
/// activities and is the watermark; as a concurrency token it keeps two writers from taking the
/// same number.
/// </summary>
public sealed class DirectLineConversation
{
    public const int MaxUserIdLength = 128;

    public required string Id { get; init; }
    public string? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public int ActivityCount { get; set; }
    /// <summary>When its last activity was added: a notice goes to every conversation of the person still in use.</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

}

internal sealed class DirectLineConversationConfiguration : IEntityTypeConfiguration<DirectLineConversation>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<DirectLineConversation> e)
    {
        e.ToTable("DirectLineConversations");
        e.Property(c => c.Id).HasMaxLength(64);
        e.Property(c => c.UserId).HasMaxLength(DirectLineConversation.MaxUserIdLength);
        e.Property(c => c.ActivityCount).IsConcurrencyToken();
    }
}

internal sealed class DirectLineActivityConfiguration : IEntityTypeConfiguration<DirectLineActivity>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<DirectLineActivity> e)
    {
        e.ToTable("DirectLineActivities");
        e.HasKey(a => new { a.ConversationId, a.Sequence });
        e.Property(a => a.ConversationId).HasMaxLength(64);
        e.Property(a => a.ActivityId).HasMaxLength(100);
        e.HasOne<DirectLineConversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The web chat's tables, named on the store where this channel uses them: the store itself does not know them.</summary>
internal static class DirectLineStore
{
    extension(Bot.Store.StoreDbContext db)
    {
        public DbSet<DirectLineConversation> DirectLineConversations => db.Set<DirectLineConversation>();
        public DbSet<DirectLineActivity> DirectLineActivities => db.Set<DirectLineActivity>();
    }
}

/// <summary>One activity of the transcript, stored as the JSON the client will receive.</summary>
public sealed class DirectLineActivity
{
    public required string ConversationId { get; init; }
    public int Sequence { get; init; }
    public required string ActivityId { get; init; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>A bot's answer to a counsellor (it may speak of pupils): replaced by a placeholder once delivered, or at any pupil's erasure.</summary>
    public bool Sensitive { get; set; }
}
