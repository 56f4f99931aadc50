using Bot.Tests.Support;

namespace Bot.Tests.Hosting;

/// <summary>The files that hold minors' data are the bot's user's alone, from the moment they exist.</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "p2p-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task TheDataFolderIs0700_AndEveryDatabaseFile0600()
    {
        if (OperatingSystem.IsWindows()) return; // Unix file modes only
        var data = Path.Combine(_root, "data");
        await using (var bot = await BotProcess.StartAsync(BotProcess.FreePort(), new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = $"Data Source={Path.Combine(data, "bot.db")}",
            ["Jobs__RunServer"] = "true",
        }))
        {
            using var http = new HttpClient { BaseAddress = bot.BaseUrl };
            // A turn: the database, its journal and Hangfire's file all exist now.
            using var token = await http.PostAsync("/webchat/token?user=lea", null);
            Assert.True(token.IsSuccessStatusCode);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
            var files = Directory.GetFiles(data);
            Assert.Contains(Path.Combine(data, "bot.db"), files);
            Assert.Contains(Path.Combine(data, "bot.db-wal"), files);
            Assert.Contains(Path.Combine(data, "bot.hangfire.db"), files);
            foreach (var file in files) Assert.Equal((file, UnixFileMode.UserRead | UnixFileMode.UserWrite), (file, File.GetUnixFileMode(file)));
        }
    }
}
