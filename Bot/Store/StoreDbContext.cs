using Bot.Channels.WebChat;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Store;

/// <summary>
/// The bot's store plus the tables of the channels hosted here. This type carries the SQLite
/// migrations; <see cref="PostgreSqlStoreDbContext"/> the PostgreSQL ones, for the same model.
/// </summary>
public class StoreDbContext : BotDbContext
{
    public StoreDbContext(DbContextOptions<StoreDbContext> options) : base(options) { }

    protected StoreDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DirectLineConversation> DirectLineConversations => Set<DirectLineConversation>();
    public DbSet<DirectLineActivity> DirectLineActivities => Set<DirectLineActivity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        DirectLineConversation.Configure(modelBuilder);
        Channels.Discord.DiscordDmChannel.Configure(modelBuilder);
        Channels.Teams.TeamsConversation.Configure(modelBuilder);
    }
}

/// <summary>The same store on PostgreSQL: a type of its own so that its migrations live apart.</summary>
public sealed class PostgreSqlStoreDbContext(DbContextOptions<PostgreSqlStoreDbContext> options) : StoreDbContext(options);
