using Microsoft.Data.Sqlite;

namespace Bot.Store;

/// <summary>
/// <c>backup &lt;file&gt;</c>: a consistent copy of the SQLite database, taken while the bot runs. SQLite's
/// VACUUM INTO reads one snapshot (in WAL mode the bot's writers go on meanwhile) and writes a compact,
/// stand-alone database. Hangfire's file is left out: it holds job state only, and the bot registers its
/// recurring jobs again at every start. On PostgreSQL, pg_dump is the tool: the command says which.
/// </summary>
internal static class StoreBackup
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task<int> RunAsync(IConfiguration configuration, string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["backup", { Length: > 0 } target])
        {
            error.WriteLine("Usage: backup <file>   (a new file: an existing one is never overwritten)");
            return 2;
        }
        var connectionString = configuration.GetConnectionString("Bot") is { Length: > 0 } configured ? configured : StoreExtensions.DefaultConnectionString;
        var provider = StoreOptions.Resolve(configuration.GetSection(StoreOptions.Section).Get<StoreOptions>()?.Provider, connectionString);
        var file = Path.GetFullPath(target);
        if (provider == StoreProvider.PostgreSql)
        {
            error.WriteLine("The database is PostgreSQL: back it up with pg_dump (the password from ~/.pgpass or PGPASSWORD), e.g.");
            error.WriteLine(PgDumpCommand(connectionString, file));
            return 1;
        }

        var source = new SqliteConnectionStringBuilder(connectionString);
        var database = Path.GetFullPath(source.DataSource);
        if (source.DataSource is "" or ":memory:" || !File.Exists(database))
        {
            error.WriteLine($"No database at {database}: nothing to back up (check ConnectionStrings:Bot and the working directory).");
            return 1;
        }
        if (!TryCreate(file, error)) return 1;
        try
        {
            // ReadWrite without Create: never an empty database where the bot's was expected.
            source.Mode = SqliteOpenMode.ReadWrite;
            source.Pooling = false;
            await using var connection = new SqliteConnection(source.ToString());
            await connection.OpenAsync();
            await using (var vacuum = connection.CreateCommand())
            {
                // VACUUM INTO accepts the empty file made above (and refuses any other existing file).
                vacuum.CommandText = "VACUUM INTO $file";
                vacuum.Parameters.AddWithValue("$file", file);
                await vacuum.ExecuteNonQueryAsync();
            }
            var integrity = await IntegrityAsync(file);
            if (integrity != "ok")
            {
                error.WriteLine($"The backup in {file} failed its integrity check: {integrity}");
                return 1;
            }
        }
        catch (SqliteException ex)
        {
            File.Delete(file);
            error.WriteLine($"The backup failed, nothing was written: {ex.Message}");
            return 1;
        }
        output.WriteLine($"Backed up {database} to {file} ({new FileInfo(file).Length:N0} bytes, integrity check ok).");
        return 0;
    }

    /// <summary>
    /// The backup's file, created here and now: never one that exists, and 0600 whatever the umask; its folder
    /// too when missing (0700).
    /// </summary>
    private static bool TryCreate(string file, TextWriter error)
    {
        try
        {
            var folder = Path.GetDirectoryName(file)!;
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
                else Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
            }
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
            using var created = new FileStream(file, options);
            return true;
        }
        catch (IOException) when (File.Exists(file) || Directory.Exists(file))
        {
            error.WriteLine($"{file} exists already: a backup never overwrites a file. Choose a new name (e.g. with the date in it).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Cannot create {file}: {ex.Message}");
        }
        return false;
    }

    private static async Task<string> IntegrityAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        return (string)(await check.ExecuteScalarAsync())!;
    }

    // Apart, so that Npgsql is loaded only on PostgreSQL. The password is never printed.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string PgDumpCommand(string connectionString, string file)
    {
        var pg = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"pg_dump --format=custom --file={Quote(file)} --host={Quote(pg.Host ?? "localhost")} --port={pg.Port} "
            + $"--username={Quote(pg.Username ?? "")} --dbname={Quote(pg.Database ?? "")}";
    }

    /// <summary>One shell word, whatever it holds.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
