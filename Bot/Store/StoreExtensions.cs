using Bot.Dialogs.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Store;

public static class StoreExtensions
{
    public const string DefaultConnectionString = "Data Source=data/bot.db";

    /// <summary>EF Core on SQLite, by default a file under data/ created on first run.</summary>
    public static void AddStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddDbContext<StoreDbContext>((services, options) =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString("Bot");
            options.UseSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString);
        });
        builder.Services.AddScoped<BotDbContext>(sp => sp.GetRequiredService<StoreDbContext>());
    }

    /// <summary>Creates the database folder, applies the migrations, and lets readers and the writer work side by side.</summary>
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:") Directory.CreateDirectory(folder);
        await db.Database.MigrateAsync();
        // WAL: pollers read while a turn writes. The setting is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
