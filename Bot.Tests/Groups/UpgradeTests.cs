using System.Data.Common;
using Bot.Dialogs.Groups;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Groups;

/// <summary>
/// A database made by the version before groups (Bot.Tests/Fixtures/Upgrade, see its README) is opened by this one:
/// everything in it becomes the first group's, named by configuration, with its counsellor; no row is lost.
/// </summary>
public class UpgradeTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Upgrade");
    private static readonly Dictionary<string, string> Settings = new() { ["Programme:FirstGroupName"] = "Collège Émile Maupas" };

    [Fact]
    public async Task ASqliteDatabaseOfThePreviousVersion_BecomesTheFirstGroup_LosingNothing()
    {
        using var database = new TempDatabase();
        File.Copy(Path.Combine(Fixtures, "before-groups.sqlite.db"), database.Path);
        Dictionary<string, long> before;
        await using (var connection = new SqliteConnection(database.ConnectionString))
            before = await CountsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
        SqliteConnection.ClearAllPools();

        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Monday), settings: Settings);
        await CheckAsync(app, before, async () =>
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            return await CountsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
        });
    }

    [SkippableFact]
    public async Task APostgreSqlDatabaseOfThePreviousVersion_BecomesTheFirstGroup_LosingNothing()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // The dump resets its session's search_path: a connection of its own, then fresh ones.
        await using (var connection = new NpgsqlConnection(database.ConnectionString + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var restore = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(Fixtures, "before-groups.postgres.sql")), connection);
            await restore.ExecuteNonQueryAsync();
        }
        const string tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
        Dictionary<string, long> before;
        await using (var connection = new NpgsqlConnection(database.ConnectionString)) before = await CountsAsync(connection, tables);

        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Monday), settings: Settings);
        await CheckAsync(app, before, async () =>
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            return await CountsAsync(connection, tables);
        });
    }

    private static async Task CheckAsync(BotApp app, Dictionary<string, long> before, Func<Task<Dictionary<string, long>>> countAfter)
    {
        Assert.True(before["Contributions"] > 0 && before["BadgeRequests"] > 0 && before["TrimesterSelfAssessments"] > 0, "the fixture is not empty");
        using var http = app.CreateClient(); // starts the app: migrations, then the first group's name and code

        var after = await countAfter();
        foreach (var (table, rows) in before.Where(t => t.Key != "__EFMigrationsHistory"))
            Assert.True(after[table] == rows, $"{table}: {rows} rows before the upgrade, {after[table]} after");
        Assert.Equal(1, after["Groups"]);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var group = await db.Groups.SingleAsync();
        Assert.Equal((GroupDirectory.FirstGroupId, "Collège Émile Maupas"), (group.Id, group.Name));
        Assert.NotNull(JoinCodes.Read(group.JoinCode));
        Assert.False(await db.Contributions.AnyAsync(c => c.GroupId != group.Id));
        Assert.False(await db.BadgeRequests.AnyAsync(r => r.GroupId != group.Id));
        Assert.False(await db.TrimesterSelfAssessments.AnyAsync(a => a.GroupId != group.Id));
        Assert.False(await db.People.AnyAsync(p => !p.IsCounsellor && p.GroupId != group.Id));
        var counsellors = await db.People.Where(p => p.IsCounsellor).Select(p => p.Id).ToListAsync();
        Assert.NotEmpty(counsellors);
        Assert.Equal(counsellors.Order(), (await db.GroupCounsellors.Where(c => c.GroupId == group.Id).Select(c => c.PersonId).ToListAsync()).Order());

        // The counsellor of before sees the trimester of before, and the request still waiting.
        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.SayAsync("/suivi");
        Assert.Contains(await counsellor.BotSaysAsync(), t => t.Contains($"{before["Contributions"]} séances notées"));
        await counsellor.SayAsync("/demandes");
        Assert.Contains(await counsellor.BotSaysAsync(), t => t.StartsWith("**ines** demande le badge", StringComparison.Ordinal));
        // And a pupil of before goes on in the same group, without a code.
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        await lea.SayAsync("mes données");
        Assert.Contains(await lea.BotSaysAsync(), t => t.Contains("3 séances notées"));
    }

    private static async Task<Dictionary<string, long>> CountsAsync(DbConnection connection, string listTables)
    {
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = listTables;
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        var counts = new Dictionary<string, long>();
        foreach (var name in names)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{name}\"";
            counts[name] = Convert.ToInt64(await count.ExecuteScalarAsync());
        }
        return counts;
    }
}
