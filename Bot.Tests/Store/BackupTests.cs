using System.Text.Json.Nodes;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Store;

/// <summary>
/// <c>backup &lt;file&gt;</c>, run as the administrator runs it (Bot.dll, its own process) beside the bot's
/// own process while pupils write: a consistent copy of the SQLite database, the bot's user's alone.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDatabase _database = new();
    private readonly string _backups = Path.Combine(Path.GetTempPath(), "p2p-tests", "backups-" + Guid.NewGuid().ToString("N"));

    private static readonly (string Text, string? ChoiceId)[] Session =
    [
        ("/jai-partagé", null), ("vendredi", null), ("Un atelier vinyle", null), ("La découpeuse", null),
        ("Autre", "domain:Other"), ("2", "level:2"), ("Oui, j'enregistre", "recap:yes"),
    ];

    public BackupTests() => Directory.CreateDirectory(_backups);

    public void Dispose()
    {
        _database.Dispose();
        try { Directory.Delete(_backups, recursive: true); } catch (IOException) { }
    }

    private Dictionary<string, string> Settings => new() { ["ConnectionStrings__Bot"] = _database.ConnectionString };

    private static long Scalar(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string IntegrityCheck(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task WhileTheBotRunsAndAPupilWrites_EachBackupIsAWholeDatabase_WithThePupilsRows_Owner0600()
    {
        var settings = Settings;
        // The writer below sends far more than a person: no limit may slow it down.
        settings["RateLimits__MessagesPerMinute"] = "100000";
        settings["RateLimits__MessagesPerAddressPerMinute"] = "100000";
        await using var bot = await BotProcess.StartAsync(BotProcess.FreePort(), settings);
        using var http = new HttpClient { BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var (text, choice) in Session) await lea.SayAsync(text, choice is null ? null : new JsonObject { ["choiceId"] = choice });

        // Tom keeps writing, each message a committed turn, while the backups are taken.
        var tom = new DirectLineClient(http, "tom");
        await tom.StartAsync();
        var acknowledged = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await tom.SayAsync("bonjour");
                Interlocked.Increment(ref acknowledged);
            }
        });
        while (Volatile.Read(ref acknowledged) < 5) await Task.Delay(10);

        for (var i = 0; i < 3; i++)
        {
            var before = Volatile.Read(ref acknowledged);
            var file = Path.Combine(_backups, $"bot-{i}.db");
            var (exit, output, error) = await BotCommand.RunAsync(Settings, "backup", file);
            Assert.True(exit == 0, $"backup exited with {exit}: {output} {error}");
            Assert.Contains(file, output);

            if (!OperatingSystem.IsWindows()) Assert.Equal(OwnerOnly, File.GetUnixFileMode(file));
            Assert.Equal("ok", IntegrityCheck(file));
            Assert.Equal(1, Scalar(file, """
                SELECT COUNT(*) FROM Contributions c JOIN ChannelIdentities ci ON ci.PersonId = c.PersonId
                WHERE ci.ExternalId = 'lea' AND c.Shared = 'Un atelier vinyle'
                """));
            // Every message of Tom's acknowledged before the backup started is in it (his and the bot's answers).
            var tomsActivities = Scalar(file, "SELECT COUNT(*) FROM DirectLineActivities WHERE ConversationId = $id", ("$id", tom.ConversationId));
            Assert.True(tomsActivities >= before, $"backup {i}: {tomsActivities} activities of Tom's, {before} acknowledged before it started");
        }
        Assert.True(!writer.IsCompleted, $"the writer stopped during the backups: {writer.Exception}");
        await stop.CancelAsync();
        await writer;
    }

    [Fact]
    public async Task AnExistingFile_IsNeverOverwritten()
    {
        // The database exists: a start of the bot made it.
        await (await BotProcess.StartAsync(BotProcess.FreePort(), Settings)).DisposeAsync();
        var file = Path.Combine(_backups, "already-there.db");
        await File.WriteAllTextAsync(file, "an older backup");

        var (exit, output, error) = await BotCommand.RunAsync(Settings, "backup", file);

        Assert.NotEqual(0, exit);
        Assert.Contains("exists", error);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(file));
        Assert.DoesNotContain(file, output);
    }

    [Fact]
    public async Task IntoAFolderNotThereYet_TheFolderIsMadeTheOwnersAlone()
    {
        await (await BotProcess.StartAsync(BotProcess.FreePort(), Settings)).DisposeAsync();
        var folder = Path.Combine(_backups, "nightly");
        var file = Path.Combine(folder, "bot.db");

        var (exit, output, error) = await BotCommand.RunAsync(Settings, "backup", file);

        Assert.True(exit == 0, $"backup exited with {exit}: {output} {error}");
        Assert.Equal("ok", IntegrityCheck(file));
        if (!OperatingSystem.IsWindows()) Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public async Task WithoutADatabase_NothingIsCreated_NeitherTheDatabaseNorTheBackup()
    {
        var file = Path.Combine(_backups, "bot.db");

        var (exit, _, error) = await BotCommand.RunAsync(Settings, "backup", file);

        Assert.NotEqual(0, exit);
        Assert.Contains("No database", error);
        Assert.False(File.Exists(_database.Path));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task OnPostgreSql_ItSaysPgDumpIsTheTool_WithTheCommand_AndFails()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Bot"] = "Host=db.internal;Port=5433;Username=p2p_bot;Password=test-only-password;Database=p2p_bot",
        };
        var file = Path.Combine(_backups, "bot.dump");

        var (exit, output, error) = await BotCommand.RunAsync(settings, "backup", file);

        Assert.NotEqual(0, exit);
        Assert.Contains($"pg_dump --format=custom --file='{file}' --host='db.internal' --port=5433 --username='p2p_bot' --dbname='p2p_bot'", error);
        Assert.DoesNotContain("test-only-password", output + error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task WithoutAFile_ItSaysHowToUseIt()
    {
        var (exit, _, error) = await BotCommand.RunAsync(Settings, "backup");

        Assert.Equal(2, exit);
        Assert.Contains("Usage: backup <file>", error);
    }
}
