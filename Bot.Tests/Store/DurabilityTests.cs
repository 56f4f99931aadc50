using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Store;

/// <summary>What the bot acknowledged survives a crash or a power cut: WAL, and the WAL synced at each commit.</summary>
public class DurabilityTests
{
    private static Task<int> SynchronousAsync(StoreDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();

    [Fact]
    public async Task TheSqliteStore_IsInWalMode_WithFullSynchronous()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync());
        Assert.Equal(2, await SynchronousAsync(db)); // 2 = FULL
    }

    [Theory]
    [InlineData("PRAGMA synchronous=OFF;", 0)]
    [InlineData("PRAGMA synchronous=NORMAL;", 1)]
    public async Task AConnectionSetToAWeakerSynchronous_IsFullAgain_WhenTheStoreOpensItNextTime(string weaken, int weakerValue)
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync(weaken);
            Assert.Equal(weakerValue, await SynchronousAsync(db));
            // Back to the pool, which hands the same SQLite connection out again.
            await db.Database.CloseConnectionAsync();
            await db.Database.OpenConnectionAsync();
            Assert.Equal(2, await SynchronousAsync(db));
            await db.Database.CloseConnectionAsync();
        }

        using var next = app.Services.CreateScope();
        Assert.Equal(2, await SynchronousAsync(next.ServiceProvider.GetRequiredService<StoreDbContext>()));
    }
}
