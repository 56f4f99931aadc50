using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Bench;

/// <summary>
/// The load tool's floor (bench/Floor) as its own process, as the tool runs it: one row stored per message,
/// on a SQLite file opened exactly as the bot's store opens its own, or its figures are not a floor of the bot's.
/// </summary>
public class FloorTests
{
    private static string FloorDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "Bot.sln"))) dir = dir.Parent!;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        return Path.Combine(dir.FullName, "bench", "Floor", "bin", configuration, "net10.0", "Floor.dll");
    }

    private static Task<BotProcess> StartFloorAsync(TempDatabase database) =>
        BotProcess.StartAsync(BotProcess.FreePort(), new Dictionary<string, string> { ["ConnectionStrings__Floor"] = database.ConnectionString }, FloorDll());

    private static StringContent Activity(string text) => new(new JsonObject
    {
        ["type"] = "message", ["from"] = new JsonObject { ["id"] = "pupil-1", ["role"] = "user" }, ["text"] = text,
        ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
    }.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<List<(string Conversation, string Text)>> RowsAsync(TempDatabase database)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Conversation, Text FROM Messages ORDER BY Id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    [Fact]
    public async Task TheFloor_StoresOneRowPerMessage_AndAnswersWithItsId()
    {
        using var database = new TempDatabase();
        await using (var floor = await StartFloorAsync(database))
        {
            using var http = new HttpClient { BaseAddress = floor.BaseUrl };
            var ids = new List<string>();
            foreach (var text in new[] { "J'ai montré comment monter une vidéo", "vendredi dernier" })
            {
                using var response = await http.PostAsync("/v3/directline/conversations/conv-1/activities", Activity(text));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
                Assert.StartsWith("conv-1|", id, StringComparison.Ordinal);
                ids.Add(id);
            }
            Assert.Equal(2, ids.Distinct().Count());
        }

        Assert.Equal([("conv-1", "J'ai montré comment monter une vidéo"), ("conv-1", "vendredi dernier")], await RowsAsync(database));
    }

    [Fact]
    public async Task TheFloor_RefusesAMessageThatIsNotJson_AndStoresNothing()
    {
        using var database = new TempDatabase();
        await using (var floor = await StartFloorAsync(database))
        {
            using var http = new HttpClient { BaseAddress = floor.BaseUrl };
            using var response = await http.PostAsync("/v3/directline/conversations/conv-1/activities",
                new StringContent("{\"text\": ", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Empty(await RowsAsync(database));
    }

    [Fact]
    public async Task TheFloor_OpensItsConnections_AsTheBotsStoreDoes()
    {
        using var floorDatabase = new TempDatabase();
        JsonObject floorSettings;
        await using (var floor = await StartFloorAsync(floorDatabase))
        {
            using var http = new HttpClient { BaseAddress = floor.BaseUrl };
            floorSettings = (await http.GetFromJsonAsync<JsonObject>("/"))!;
        }

        using var botDatabase = new TempDatabase();
        await using var app = new BotApp(botDatabase.ConnectionString, Clocks.At(Clocks.Sunday));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        await db.Database.OpenConnectionAsync();
        foreach (var (pragma, column) in new[] { ("journal_mode", "journal_mode"), ("synchronous", "synchronous"), ("secure_delete", "secure_delete"),
            ("foreign_keys", "foreign_keys"), ("busy_timeout", "timeout") })
        {
            var sql = "SELECT CAST(\"" + column + "\" AS TEXT) AS Value FROM pragma_" + pragma;
            var bot = await db.Database.SqlQueryRaw<string>(sql).SingleAsync();
            Assert.True(floorSettings.ContainsKey(pragma), pragma + " not reported by the floor");
            Assert.Equal((pragma, bot), (pragma, floorSettings[pragma]!.GetValue<string>()));
        }
    }
}
