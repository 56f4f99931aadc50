using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Store;

/// <summary>What the bot acknowledged survives a crash or a power cut: WAL, and the WAL synced at each commit.</summary>
public class DurabilityTests
{
    [Fact]
    public async Task TheSqliteStore_IsInWalMode_WithFullSynchronous()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync());
        Assert.Equal(2, await db.Database.SqlQueryRaw<int>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync()); // 2 = FULL
    }
}
