using Npgsql;

namespace Bot.Tests.Support;

/// <summary>
/// A PostgreSQL database of its own for one test, created on the server named by BOT_TEST_POSTGRES
/// (.ci/run starts one) and dropped afterwards. Without that variable the test is skipped, with a
/// message, except under CI=true, where a missing database is a failure.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "BOT_TEST_POSTGRES";
    private readonly string _admin;
    private readonly string _name = "bot_test_" + Guid.NewGuid().ToString("N")[..16];

    private PostgresDatabase(string admin) => _admin = admin;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Pooling = true }.ConnectionString;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(admin))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail($"CI=true but {Variable} is not set: .ci/run must start PostgreSQL and set it.");
            Skip.If(true, $"PostgreSQL tests need {Variable} (a connection string to a server where the user may CREATE DATABASE); .ci/run sets it.");
        }
        var database = new PostgresDatabase(admin!);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database._name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        // FORCE cannot end an autovacuum worker (the server's, not ours) that happens to be in the database: it is
        // refused with 42501 while the worker runs, which is briefly. Try again a little later.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
