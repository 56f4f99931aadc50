using Bot.Dialogs.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.Store;

public static class StoreExtensions
{
    public const string DefaultConnectionString = "Data Source=data/bot.db";

    /// <summary>Compared with ProviderName rather than IsNpgsql(), which would load Npgsql on SQLite too.</summary>
    public const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>EF Core on SQLite by default (a file under data/, created on first run), or PostgreSQL.</summary>
    public static void AddStore(this WebApplicationBuilder builder)
    {
        var provider = StoreOptions.Resolve(builder.Configuration.GetSection(StoreOptions.Section).Get<StoreOptions>()?.Provider,
            builder.Configuration.GetConnectionString("Bot"));
        builder.Services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section);
        if (provider == StoreProvider.PostgreSql)
        {
            builder.Services.AddDbContext<PostgreSqlStoreDbContext>((services, options) =>
                options.UseNpgsql(ConnectionString(services) ?? throw new InvalidOperationException("Store:Provider is PostgreSql: set ConnectionStrings:Bot.")));
            builder.Services.AddScoped<StoreDbContext>(sp => sp.GetRequiredService<PostgreSqlStoreDbContext>());
            builder.Services.AddScoped(_ => new StoreWriteScope(null));
        }
        else
        {
            // One writer at a time, queued in the process (see SqliteWriteGate).
            builder.Services.AddSingleton<SqliteWriteGate>();
            builder.Services.AddScoped(sp => new StoreWriteScope(sp.GetRequiredService<SqliteWriteGate>()));
            builder.Services.AddDbContext<StoreDbContext>((services, options) =>
                options.UseSqlite(ConnectionString(services) ?? DefaultConnectionString)
                    .AddInterceptors(services.GetRequiredService<StoreWriteScope>(), SqliteSynchronousFull.Instance));
        }
        builder.Services.AddScoped<BotDbContext>(sp => sp.GetRequiredService<StoreDbContext>());
    }

    private static string? ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString("Bot") is { Length: > 0 } value ? value : null;

    /// <summary>
    /// After an erasure on SQLite: deleted rows are already zeroed in their pages (secure_delete, set on
    /// every connection), and the journal, whose older frames still hold them, is emptied into the
    /// database and cut to nothing. Best effort: a reader in the middle of a long read may delay it.
    /// </summary>
    public static async Task ForgetFreedPagesAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            // A reader in the middle of a read (a poll, the outbox) makes it "busy": a few short tries, then leave it to the next.
            for (var attempt = 0; attempt < 20; attempt++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct) && reader.GetInt32(0) == 0) return;
                await Task.Delay(25, ct);
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Applies the migrations (SQLite: creates the folder first, and lets readers and the writer work side by side).</summary>
    public static async Task PrepareStoreAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        if (db.Database.IsSqlite())
        {
            var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (dataSource is not ("" or ":memory:")) PrivateFiles.PrepareFolder(dataSource);
        }
        // Only when the database lags behind: MigrateAsync also diffs the model against the last
        // migration (a safety net the tests' fresh databases still get), which costs ~0.5 s at each start.
        if ((await db.Database.GetPendingMigrationsAsync()).Any()) await db.Database.MigrateAsync();
        // WAL: pollers read while a turn writes. The setting is stored in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await scope.ServiceProvider.GetRequiredService<Dialogs.Groups.GroupDirectory>().PrepareAsync(CancellationToken.None);
    }
}
