using Bot.Dialogs.Store;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Bot.Store;

/// <summary>
/// The bot's store plus the tables of the channels hosted here: each channel brings its own
/// entity configurations (IEntityTypeConfiguration in its folder), picked up once when the model
/// is built. This type carries the SQLite migrations; <see cref="PostgreSqlStoreDbContext"/> the
/// PostgreSQL ones, for the same model.
/// </summary>
public class StoreDbContext : BotDbContext, IDataProtectionKeyContext
{
    public StoreDbContext(DbContextOptions<StoreDbContext> options) : base(options) { }

    protected StoreDbContext(DbContextOptions options) : base(options) { }

    /// <summary>ASP.NET Core Data Protection's keys: every instance protects and reads the web chat's identity cookies alike.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StoreDbContext).Assembly);
    }
}

/// <summary>The same store on PostgreSQL: a type of its own so that its migrations live apart.</summary>
public sealed class PostgreSqlStoreDbContext(DbContextOptions<PostgreSqlStoreDbContext> options) : StoreDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Retention compares these DateTimeOffset columns in SQL on PostgreSQL only (SQLite cannot, and reads them all):
        // on SQLite these indexes would be written on every insert and never read.
        modelBuilder.Entity<Dialogs.Reminders.SentReminder>().HasIndex(r => r.SentAt);
        modelBuilder.Entity<Dialogs.Badges.BadgeRequest>().HasIndex(r => r.CreatedAt);
        modelBuilder.Entity<Dialogs.SelfAssessment.TrimesterSelfAssessment>().HasIndex(a => a.UpdatedAt);
        modelBuilder.Entity<Dialogs.Groups.GroupRun>().HasIndex(r => r.RanAt);
        modelBuilder.Entity<Dialogs.People.Person>().HasIndex(p => p.CreatedAt);
        modelBuilder.Entity<Channels.WebChat.DirectLineActivity>().HasIndex(a => a.CreatedAt);
        modelBuilder.Entity<Channels.WebChat.DirectLineConversation>().HasIndex(c => c.CreatedAt);
    }
}
