using Bot.Dialogs.Account;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Groups;
using Bot.Dialogs.People;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Store;

/// <summary>
/// The bot's one store. The host derives from it to add its channels' tables and chooses the
/// provider; nothing here is specific to SQLite or PostgreSQL.
/// </summary>
public abstract class BotDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>This unit of work erased a person: once committed, the store should also clear what its files still hold of them.</summary>
    public bool ErasedSomeone { get; set; }

    public DbSet<Person> People => Set<Person>();
    public DbSet<ChannelIdentity> ChannelIdentities => Set<ChannelIdentity>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<BadgeRequest> BadgeRequests => Set<BadgeRequest>();
    public DbSet<GuideProgress> GuideProgress => Set<GuideProgress>();
    public DbSet<Reminders.SentReminder> SentReminders => Set<Reminders.SentReminder>();
    public DbSet<Reminders.SentRoomMessage> SentRoomMessages => Set<Reminders.SentRoomMessage>();
    public DbSet<SelfAssessment.TrimesterSelfAssessment> TrimesterSelfAssessments => Set<SelfAssessment.TrimesterSelfAssessment>();
    public DbSet<Notices.OutboxMessage> Outbox => Set<Notices.OutboxMessage>();
    public DbSet<ProcessedTurn> ProcessedTurns => Set<ProcessedTurn>();
    public DbSet<Linking.LinkCode> LinkCodes => Set<Linking.LinkCode>();
    public DbSet<Linking.LinkLockout> LinkLockouts => Set<Linking.LinkLockout>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupCounsellor> GroupCounsellors => Set<GroupCounsellor>();
    public DbSet<GroupRun> GroupRuns => Set<GroupRun>();
    public DbSet<Review.ClosedTrimester> ClosedTrimesters => Set<Review.ClosedTrimester>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Person>(e =>
        {
            e.Property(p => p.DisplayName).HasMaxLength(Person.MaxNameLength);
            e.HasIndex(p => p.IsCounsellor);
            e.HasIndex(p => p.GroupId);
            e.HasOne<Group>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(p => p.Identities).WithOne().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ChannelIdentity>(e =>
        {
            e.Property(i => i.Channel).HasMaxLength(32);
            e.Property(i => i.ExternalId).HasMaxLength(128);
            e.HasIndex(i => new { i.Channel, i.ExternalId }).IsUnique();
        });
        modelBuilder.Entity<Contribution>(e =>
        {
            e.Property(c => c.Shared).HasMaxLength(Contribution.MaxTextLength);
            e.Property(c => c.Learned).HasMaxLength(Contribution.MaxTextLength);
            e.Property(c => c.Domain).HasConversion<string>().HasMaxLength(32);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.PersonId, c.SessionDate });
            // Every counsellor query reads one group's trimester.
            e.HasIndex(c => new { c.GroupId, c.SessionDate });
            // Retention deletes by date whatever the group: without it, a region's every session is read each night.
            e.HasIndex(c => c.SessionDate);
            e.HasOne<Group>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<BadgeRequest>(e =>
        {
            e.Property(r => r.BadgeId).HasMaxLength(40);
            e.Property(r => r.Message).HasMaxLength(BadgeRequest.MaxMessageLength);
            // A concurrency token: of two counsellors deciding at once, the second save fails instead of overwriting.
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
            e.Property(r => r.DecidedBy).HasMaxLength(Person.MaxNameLength);
            e.Property(r => r.RefusalReason).HasMaxLength(BadgeRequest.MaxMessageLength);
            e.Property(r => r.IssueEmail).HasMaxLength(BadgeRequest.MaxEmailLength);
            e.Property(r => r.ReceiveUrl).HasMaxLength(1000);
            e.Property(r => r.IssueError).HasMaxLength(300);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.Status, r.BadgeId });
            e.HasIndex(r => new { r.GroupId, r.Status });
            // Retention reads the addresses kept for issuing: a few rows, found without reading every request.
            e.HasIndex(r => r.IssueEmail).HasFilter("\"IssueEmail\" IS NOT NULL");
            e.HasOne<Group>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<GuideProgress>(e =>
        {
            e.HasKey(g => g.PersonId);
            e.HasOne<Person>().WithOne().HasForeignKey<GuideProgress>(g => g.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Reminders.SentReminder>(e =>
        {
            e.Property(r => r.Kind).HasMaxLength(40);
            e.Property(r => r.Period).HasMaxLength(60);
            e.HasIndex(r => new { r.Kind, r.Period, r.PersonId }).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SelfAssessment.TrimesterSelfAssessment>(e =>
        {
            e.Property(a => a.Trimester).HasMaxLength(60);
            e.HasIndex(a => new { a.PersonId, a.Trimester }).IsUnique();
            e.HasIndex(a => new { a.GroupId, a.Trimester });
            e.HasOne<Group>().WithMany().HasForeignKey(a => a.GroupId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Reminders.SentRoomMessage>(e =>
        {
            e.HasKey(r => new { r.Kind, r.Period });
            e.Property(r => r.Kind).HasMaxLength(40);
            e.Property(r => r.Period).HasMaxLength(40);
        });
        modelBuilder.Entity<Notices.OutboxMessage>(e =>
        {
            e.Property(m => m.Channel).HasMaxLength(Notices.OutboxMessage.MaxChannelLength);
            e.Property(m => m.Recipient).HasMaxLength(Notices.OutboxMessage.MaxRecipientLength);
            e.Property(m => m.Topic).HasMaxLength(Notices.OutboxMessage.MaxTopicLength);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.LeaseToken).IsConcurrencyToken();
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => new { m.Channel, m.Recipient, m.Status });
            e.HasIndex(m => m.NoticeId);
            e.HasIndex(m => m.PersonId);
            e.HasIndex(m => m.AboutPersonId);
            // Retention deletes delivered rows by when they were done (pending rows have none).
            e.HasIndex(m => m.DoneAt);
        });
        modelBuilder.Entity<ProcessedTurn>(e =>
        {
            e.HasKey(t => new { t.Channel, t.Key });
            e.Property(t => t.Channel).HasMaxLength(32);
            e.Property(t => t.Key).HasMaxLength(ProcessedTurn.MaxKeyLength);
            e.Property(t => t.ConversationId).HasMaxLength(200);
            e.Property(t => t.Response).HasMaxLength(200);
            // The key alone: every turn inserts a row, and erasure and retention (rare) may scan a day of them.
        });
        modelBuilder.Entity<Linking.LinkCode>(e =>
        {
            e.Property(c => c.CodeHash).HasMaxLength(Linking.LinkCode.HashLength);
            e.HasIndex(c => c.CodeHash).IsUnique();
            e.HasIndex(c => c.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Linking.LinkLockout>(e =>
        {
            e.HasKey(l => l.PersonId);
            e.HasOne<Person>().WithOne().HasForeignKey<Linking.LinkLockout>(l => l.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Group>(e =>
        {
            e.Property(g => g.Slug).HasMaxLength(Group.MaxSlugLength);
            e.Property(g => g.Name).HasMaxLength(Group.MaxNameLength);
            e.Property(g => g.JoinCode).HasMaxLength(Linking.LinkCodes.Length);
            e.Property(g => g.Zone).HasMaxLength(1);
            e.Property(g => g.SessionDay).HasConversion<string>().HasMaxLength(10);
            e.Property(g => g.Contact).HasMaxLength(300);
            e.HasIndex(g => g.Slug).IsUnique();
            e.HasIndex(g => g.JoinCode).IsUnique();
        });
        modelBuilder.Entity<GroupCounsellor>(e =>
        {
            e.HasKey(c => new { c.GroupId, c.PersonId });
            e.Property(c => c.Source).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(c => c.PersonId);
            e.HasOne<Group>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Review.ClosedTrimester>(e =>
        {
            e.HasKey(c => new { c.GroupId, c.First });
            e.Property(c => c.Trimester).HasMaxLength(60);
            e.Property(c => c.ClosedBy).HasMaxLength(Person.MaxNameLength);
            e.HasOne<Group>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<GroupRun>(e =>
        {
            e.HasKey(r => new { r.GroupId, r.Kind, r.Period });
            e.Property(r => r.Kind).HasMaxLength(40);
            e.Property(r => r.Period).HasMaxLength(40);
            e.HasOne<Group>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ConversationRecord>(e =>
        {
            e.HasKey(c => new { c.Channel, c.ConversationId });
            e.Property(c => c.Channel).HasMaxLength(32);
            e.Property(c => c.ConversationId).HasMaxLength(200);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
