using Bot.Channels.WebChat;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Store;

/// <summary>The bot's store plus the tables of the channels hosted here.</summary>
public sealed class StoreDbContext(DbContextOptions<StoreDbContext> options) : BotDbContext(options)
{
    public DbSet<DirectLineConversation> DirectLineConversations => Set<DirectLineConversation>();
    public DbSet<DirectLineActivity> DirectLineActivities => Set<DirectLineActivity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        DirectLineConversation.Configure(modelBuilder);
    }
}
