using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bot.Channels.Discord;

/// <summary>
/// Discord's global limit for one application, on PostgreSQL: when the last requests that count globally left, whichever
/// instance sent them, and until when a global 429 holds them all. On SQLite the table stays empty (one instance counts in memory).
/// </summary>
public sealed class DiscordGlobalLimit
{
    public required string ApplicationId { get; init; }
    /// <summary>The last requests' departures, oldest first, on the database's clock: as many as the limit allows in a second.</summary>
    public DateTimeOffset[] Sent { get; set; } = [];
    public DateTimeOffset BlockedUntil { get; set; }
}

internal sealed class DiscordGlobalLimitConfiguration : IEntityTypeConfiguration<DiscordGlobalLimit>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<DiscordGlobalLimit> e)
    {
        e.HasKey(l => l.ApplicationId);
        e.Property(l => l.ApplicationId).HasMaxLength(32);
    }
}

/// <summary>
/// Discord's global limit counted by every instance in the database: the sliding log of <see cref="LocalGlobalLimit"/>,
/// kept in one row. A request leaves when fewer than the limit left in the last second (and a little more, for the way)
/// and no global 429 holds: checked and written down in one statement, on the database's clock (the machines' clocks
/// never matter). Otherwise it learns how long to wait, and asks again then. It counts when it leaves, not when it was
/// meant to: a sender the machine kept waiting does not crowd the next second. One instance asks for one request at a
/// time: the others of the process queue here, not in the database. So one round trip per request while the limit is
/// not reached, two or three when it is. A global 429 holds every instance. On a connection of its own, never a turn's
/// transaction. The database out of reach: this instance keeps to its share (Discord:FallbackRequestsPerSecond) in
/// memory, says so once, and tries the database again a few seconds later.
/// </summary>
public sealed partial class SharedGlobalLimit : IDiscordGlobalLimit, IAsyncDisposable
{
    // $1 the application, $2 the window, $3 the limit, $4 the limit in $5, a fifth of the window. The log keeps the last $3
    // departures, oldest first (a slice's subscripts start at 1 again).
    private const string Take = """
        WITH now AS (SELECT clock_timestamp() AS t),
        taken AS (
            UPDATE "DiscordGlobalLimit" l SET "Sent" = (l."Sent" || now.t)[greatest(1, cardinality(l."Sent") + 2 - $3):]
            FROM now
            WHERE l."ApplicationId" = $1 AND l."BlockedUntil" <= now.t
                AND (cardinality(l."Sent") < $3 OR l."Sent"[cardinality(l."Sent") + 1 - $3] <= now.t - $2)
                AND (cardinality(l."Sent") < $4 OR l."Sent"[cardinality(l."Sent") + 1 - $4] <= now.t - $5)
            RETURNING 1)
        SELECT CASE WHEN EXISTS (SELECT FROM taken) THEN 0
            ELSE GREATEST(EXTRACT(EPOCH FROM GREATEST(l."BlockedUntil", l."Sent"[cardinality(l."Sent") + 1 - $3] + $2,
                l."Sent"[cardinality(l."Sent") + 1 - $4] + $5) - now.t), 0.001)::float8 END
        FROM "DiscordGlobalLimit" l, now WHERE l."ApplicationId" = $1
        """;
    private const string Block = """
        UPDATE "DiscordGlobalLimit" SET "BlockedUntil" = GREATEST("BlockedUntil", clock_timestamp() + $2) WHERE "ApplicationId" = $1
        """;
    private const string Create = """
        INSERT INTO "DiscordGlobalLimit" ("ApplicationId", "Sent", "BlockedUntil") VALUES ($1, '{}', 'epoch') ON CONFLICT DO NOTHING
        """;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1) + LocalGlobalLimit.Slack;
    // A second's requests leave in five bursts, not one: fewer at once on the way (and fewer connections to open) than 50.
    private const int Bursts = 5;
    private static readonly TimeSpan StatementTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryStoreAfter = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _database;
    private readonly string _application;
    private readonly int _perSecond;
    private readonly LocalGlobalLimit _fallback;
    private readonly ILogger<SharedGlobalLimit> _logger;
    private readonly SemaphoreSlim _asking = new(1, 1);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _storeDownUntil = -1; // _clock ticks; -1: reachable
    private bool _rowExists;

    public SharedGlobalLimit(string connectionString, string application, int perSecond, LocalGlobalLimit fallback, ILogger<SharedGlobalLimit> logger)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = 2; // one statement at a time, and one for a 429
        // Worth a second: a crash of the database that loses the log's last writes costs nothing else, and no commit waits for the disk.
        builder.ConnectionStringBuilder.Options = $"{builder.ConnectionStringBuilder.Options} -c synchronous_commit=off".Trim();
        _database = builder.Build();
        (_application, _perSecond, _fallback, _logger) = (application, Math.Max(1, perSecond), fallback, logger);
    }

    public async Task TakeAsync(CancellationToken ct)
    {
        await _asking.WaitAsync(ct);
        try
        {
            while (true)
            {
                var downUntil = Interlocked.Read(ref _storeDownUntil);
                if (downUntil >= 0 && _clock.Elapsed.Ticks < downUntil)
                {
                    await _fallback.TakeAsync(ct);
                    return;
                }
                double wait;
                try { wait = await TryTakeAsync(ct); }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    StoreDown(ex);
                    continue;
                }
                StoreBack();
                if (wait == 0) return;
                await Task.Delay(TimeSpan.FromSeconds(wait), ct);
            }
        }
        finally
        {
            _asking.Release();
        }
    }

    /// <summary>0 when the request was counted and may leave; else how long until it may ask again (seconds).</summary>
    private async Task<double> TryTakeAsync(CancellationToken ct)
    {
        if (!_rowExists) await RunAsync(Create, TimeSpan.Zero, ct);
        _rowExists = true;
        if (await RunAsync(Take, Window, ct) is double wait) return wait;
        _rowExists = false; // deleted meanwhile (by hand): made again
        return 0.001;
    }

    public async Task BlockAsync(TimeSpan wait, CancellationToken ct)
    {
        await _fallback.BlockAsync(wait, ct);
        try { await RunAsync(Block, wait, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested) { StoreDown(ex); }
    }

    private async Task<object?> RunAsync(string sql, TimeSpan window, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StatementTimeout);
        await using var command = _database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = _application });
        if (sql != Create) command.Parameters.Add(new NpgsqlParameter { Value = window });
        if (sql == Take)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = _perSecond });
            command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(1, _perSecond / Bursts) });
            command.Parameters.Add(new NpgsqlParameter { Value = window / Bursts });
        }
        return await command.ExecuteScalarAsync(timeout.Token);
    }

    private void StoreDown(Exception ex)
    {
        var until = (_clock.Elapsed + RetryStoreAfter).Ticks;
        if (Interlocked.Exchange(ref _storeDownUntil, until) < 0) LogStoreDown(ex, _fallback.PerSecond);
    }

    private void StoreBack()
    {
        if (Interlocked.Exchange(ref _storeDownUntil, -1) >= 0) LogStoreBack();
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Discord's global limit cannot be shared through the database: this instance keeps to {PerSecond} requests a second until it can")]
    private partial void LogStoreDown(Exception exception, int perSecond);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord's global limit is shared through the database again")]
    private partial void LogStoreBack();
}
