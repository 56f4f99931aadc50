using Microsoft.Data.Sqlite;

namespace Bot.Tests.Support;

/// <summary>A SQLite file of its own for one test, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "p2p-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase() => Directory.CreateDirectory(_folder);

    public string Path => System.IO.Path.Combine(_folder, "bot.db");
    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
