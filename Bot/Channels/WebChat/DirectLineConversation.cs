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

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DirectLineConversation>(e =>
        {
            e.Property(c => c.Id).HasMaxLength(64);
            e.Property(c => c.UserId).HasMaxLength(MaxUserIdLength);
            e.Property(c => c.ActivityCount).IsConcurrencyToken();
        });
        modelBuilder.Entity<DirectLineActivity>(e =>
        {
            e.HasKey(a => new { a.ConversationId, a.Sequence });
            e.Property(a => a.ConversationId).HasMaxLength(64);
            e.Property(a => a.ActivityId).HasMaxLength(100);
            e.HasOne<DirectLineConversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>One activity of the transcript, stored as the JSON the client will receive.</summary>
public sealed class DirectLineActivity
{
    public required string ConversationId { get; init; }
    public int Sequence { get; init; }
    public required string ActivityId { get; init; }
    public required string Json { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
