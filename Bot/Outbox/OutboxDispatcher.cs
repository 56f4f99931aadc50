using System.Threading.Channels;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Outbox;

/// <summary>
/// Delivers the outbox after the commits that wrote it: woken at once by whoever committed rows
/// (the turn runner, the jobs), at the time of the next retry it knows of, and swept by a Hangfire
/// job for what a crash or another instance left behind. One recipient's rows go in the order they
/// were written: only the oldest pending row of each recipient is taken, so a row waiting for a
/// retry holds back the ones after it. Each row is leased before it is sent (its token a
/// concurrency token: an instance whose lease was taken over cannot record anything); its outcome
/// is recorded on it. A channel that writes to the store (the web chat) delivers and records in one
/// transaction: exactly once. The others are sent, then recorded: at least once, shown once where
/// the channel de-duplicates (Discord's nonce).
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private const int Batch = 200;
    private const int Parallelism = 16;
    private const int MaxRounds = 1000;
    internal const int MaxAttempts = 8;
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Shortest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(10);

    // One pass at a time in this process (the woken loop, the sweep job, a test's wait).
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Rows were committed: deliver them now (returns at once).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan? next;
            try { next = await DeliverDueAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(ex);
                next = TimeSpan.FromSeconds(5);
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            // Never a busy loop: a row due "now" that the pass did not take is another's to deliver.
            wait.CancelAfter(next is { } due ? TimeSpan.FromTicks(Math.Clamp(due.Ticks, Shortest.Ticks, Idle.Ticks)) : Idle);
            try { await _wake.Reader.ReadAsync(wait.Token); }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
        }
    }

    /// <summary>Delivers every row due now, in rounds; returns how long until the next pending row may be taken (null: none).</summary>
    public async Task<TimeSpan?> DeliverDueAsync(CancellationToken ct)
    {
        await _pass.WaitAsync(ct);
        try
        {
            // Each round takes the oldest due row of each recipient; the next round, the rows after them.
            for (var round = 0; round < MaxRounds && await DeliverRoundAsync(ct) > 0; round++) { }
            return await NextDueAsync(ct);
        }
        finally { _pass.Release(); }
    }

    private async Task<int> DeliverRoundAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            due = await db.Outbox.AsNoTracking()
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeasedUntil == null || m.LeasedUntil < now)
                    && !db.Outbox.Any(e => e.Status == OutboxStatus.Pending && e.Channel == m.Channel && e.Recipient == m.Recipient && e.Id < m.Id))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(Batch).ToListAsync(ct);
        }
        if (due.Count == 0) return 0;
        var delivered = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (id, token) =>
        {
            if (await DeliverSafelyAsync(id, token)) Interlocked.Increment(ref delivered);
        });
        return delivered;
    }

    private async Task<TimeSpan?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var next = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending)
            .MinAsync(m => (DateTime?)(m.LeasedUntil != null && m.LeasedUntil > m.NextAttemptAt ? m.LeasedUntil.Value : m.NextAttemptAt), ct);
        return next is { } at ? TimeSpan.FromTicks(Math.Max(0, (at - clock.GetUtcNow().UtcDateTime).Ticks)) : null;
    }

    /// <summary>True when the row was done with (delivered, unreachable, given up); false when it waits or was not taken.</summary>
    private async Task<bool> DeliverSafelyAsync(long id, CancellationToken ct)
    {
        try { return await DeliverAsync(id, ct); }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance took the row over (this one was too slow): its outcome is the one recorded.
            LogLeaseLost(id);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Its lease runs out and a later pass takes it again (the attempt was counted when it was leased).
            LogDeliveryFailed(ex, id);
            return false;
        }
    }

    private async Task<bool> DeliverAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<StoreDbContext>();
        var writes = services.GetRequiredService<StoreWriteScope>();
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await LeaseAsync(db, writes, id, now, ct);
        if (row is null) return false;
        var words = row.Replies; // blanked once the row is done with; a follow-up on the next channel needs them
        var notifier = row.Recipient == OutboxMessage.Room ? null : services.GetServices<IChannelNotifier>().FirstOrDefault(n => n.Channel == row.Channel);
        if (notifier is { DeliversInStore: true })
        {
            // Written to the store: the delivery and its record in one transaction, fenced by the lease token.
            await using var gate = await writes.HoldAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var done = Record(row, await SendAsync(services, row, notifier, ct), now);
            if (done) await FollowUpAsync(services, row, words, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return done;
        }
        var delivery = await SendAsync(services, row, notifier, ct);
        var finished = Record(row, delivery, now);
        if (finished) await FollowUpAsync(services, row, words, ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            // What the channel learned on the way (a DM channel another instance created at the same moment)
            // lost a race: the delivery itself is recorded all the same.
            var token = row.LeaseToken;
            db.ChangeTracker.Clear();
            row = await db.Outbox.FirstAsync(m => m.Id == id && m.LeaseToken == token, ct);
            finished = Record(row, delivery, now);
            if (finished) await FollowUpAsync(services, row, words, ct);
            await db.SaveChangesAsync(ct);
        }
        return finished;
    }

    /// <summary>
    /// A person's row that did not reach them (unreachable, or given up on): their next channel gets the notice,
    /// written with this outcome (same unit of work), taken by the next round of this pass.
    /// </summary>
    private async Task FollowUpAsync(IServiceProvider services, OutboxMessage row, string words, CancellationToken ct)
    {
        if (row.Status is not (OutboxStatus.Unreachable or OutboxStatus.Failed) || row.PersonId is null) return;
        if (await services.GetRequiredService<PersonNotifier>().FollowUpAsync(row, words, ct)) LogFollowUp(row.Id);
    }

    /// <summary>Takes the row for this instance (and counts the attempt), or null when another has it or it is done.</summary>
    private async Task<OutboxMessage?> LeaseAsync(StoreDbContext db, StoreWriteScope writes, long id, DateTime now, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        int leased;
        // ExecuteUpdate bypasses SaveChanges: take SQLite's write gate here, not its busy loop.
        await using (await writes.HoldAsync(ct))
        {
            leased = await db.Outbox
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.LeasedUntil == null || m.LeasedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, now + _lease).SetProperty(m => m.LeaseToken, token)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        }
        if (leased == 0) return null;
        return await db.Outbox.FirstOrDefaultAsync(m => m.Id == id && m.LeaseToken == token, ct);
    }

    private async Task<Delivery> SendAsync(IServiceProvider services, OutboxMessage row, IChannelNotifier? notifier, CancellationToken ct)
    {
        // Tried as often as it may be: a row that keeps failing stops here, and its words go.
        if (row.Attempts > MaxAttempts) return Delivery.Later();
        var key = DeliveryKey(row.Id);
        try
        {
            if (row.Recipient == OutboxMessage.Room)
                return services.GetServices<ICounsellorRoom>().FirstOrDefault(r => r.Channel == row.Channel && r.IsConfigured) is { } room
                    ? await room.PostAsync(ReplyJson.Read(row.Replies), key, ct)
                    : Delivery.Unreachable;
            return notifier is null ? Delivery.Unreachable : await notifier.SendAsync(row.Recipient, ReplyJson.Read(row.Replies), key, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogSendFailed(ex, row.Id, row.Channel);
            return Delivery.Later();
        }
    }

    /// <summary>Records an attempt's outcome; true when the row is done with.</summary>
    private bool Record(OutboxMessage row, Delivery delivery, DateTime now)
    {
        row.LeasedUntil = null;
        if (delivery.Status == DeliveryStatus.RetryLater && row.Attempts < MaxAttempts)
        {
            row.NextAttemptAt = now + (delivery.RetryAfter ?? Backoff(row.Attempts));
            LogRetryLater(row.Id, row.Channel, row.Attempts);
            return false;
        }
        row.Status = delivery.Status switch
        {
            DeliveryStatus.Delivered => OutboxStatus.Delivered,
            DeliveryStatus.Unreachable => OutboxStatus.Unreachable,
            _ => OutboxStatus.Failed,
        };
        row.DoneAt = now;
        row.Replies = "[]"; // what was said is not kept once it is done with
        if (row.Status != OutboxStatus.Delivered) LogNotDelivered(row.Id, row.Channel, row.Status);
        return true;
    }

    /// <summary>2, 4, 8… seconds with a little jitter, at most ten minutes.</summary>
    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(Math.Pow(2, attempts), LongestBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    /// <summary>The same at every attempt of one row, unique in the store, and short enough for Discord's nonce (25 characters).</summary>
    internal static string DeliveryKey(long id) => "p2p-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed; the next one will pick up its rows")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId}: its delivery or its record failed; it is taken again when its lease ends")]
    private partial void LogDeliveryFailed(Exception exception, long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId}: another instance took it over; its outcome is that instance's")]
    private partial void LogLeaseLost(long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} on {Channel} could not be sent")]
    private partial void LogSendFailed(Exception exception, long messageId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} on {Channel}: attempt {Attempts} to be retried")]
    private partial void LogRetryLater(long messageId, string channel, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} did not reach its person: their next channel gets it")]
    private partial void LogFollowUp(long messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} on {Channel} ended {Status}")]
    private partial void LogNotDelivered(long messageId, string channel, OutboxStatus status);
}
