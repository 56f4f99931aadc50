using System.Threading.Channels;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;
using Bot.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Outbox;

/// <summary>appsettings "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How long an instance holds a row it is sending. A row held by an instance that died is sent
    /// again after this: longer than any send takes, short enough for a restart to catch up soon.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)] public int LeaseSeconds { get; set; } = 120;
}

/// <summary>
/// Delivers the outbox after the commits that wrote it: woken at once by whoever committed rows
/// (the turn runner, the jobs), at the time of the next retry it knows of, and swept by a Hangfire
/// job for what a crash or another instance left behind. Each row is leased before it is sent, so
/// two instances never send it at once; its outcome is recorded on it. A channel that writes to
/// the store (the web chat) delivers and records in one transaction: exactly once. The others are
/// sent, then recorded: at least once, shown once where the channel de-duplicates (Discord's nonce).
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private const int Batch = 200;
    private const int Parallelism = 16;
    internal const int MaxAttempts = 8;
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(10);

    // One pass at a time in this process (the woken loop, the sweep job): one recipient's rows stay in order.
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
            wait.CancelAfter(next is { } due && due < Idle ? due : Idle);
            try { await _wake.Reader.ReadAsync(wait.Token); }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
        }
    }

    /// <summary>Delivers every row due now; returns how long until the next pending row is due (null: none).</summary>
    public async Task<TimeSpan?> DeliverDueAsync(CancellationToken ct)
    {
        await _pass.WaitAsync(ct);
        try { return await DeliverPassAsync(ct); }
        finally { _pass.Release(); }
    }

    private async Task<TimeSpan?> DeliverPassAsync(CancellationToken ct)
    {
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            List<(Guid Id, string Channel, string Recipient)> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = [.. (await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Outbox.AsNoTracking()
                    .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeasedUntil == null || m.LeasedUntil < now))
                    .OrderBy(m => m.CreatedAt).Take(Batch).Select(m => new { m.Id, m.Channel, m.Recipient }).ToListAsync(ct))
                    .Select(m => (m.Id, m.Channel, m.Recipient))];
            }
            if (due.Count == 0) break;
            // One recipient's messages in order, one after the other; different recipients at once.
            var queues = due.GroupBy(m => (m.Channel, m.Recipient)).Select(g => g.Select(m => m.Id).ToList()).ToList();
            await Parallel.ForEachAsync(queues, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (queue, token) =>
            {
                foreach (var id in queue) await DeliverSafelyAsync(id, token);
            });
            if (due.Count < Batch) break;
        }
        await using var after = scopes.CreateAsyncScope();
        var next = await after.ServiceProvider.GetRequiredService<StoreDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending).MinAsync(m => (DateTime?)m.NextAttemptAt, ct);
        return next is { } at ? TimeSpan.FromTicks(Math.Max(0, (at - clock.GetUtcNow().UtcDateTime).Ticks)) : null;
    }

    private async Task DeliverSafelyAsync(Guid id, CancellationToken ct)
    {
        try { await DeliverAsync(id, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Its lease runs out and a later pass takes it again.
            LogDeliveryFailed(ex, id);
        }
    }

    private async Task DeliverAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<StoreDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var leased = await db.Outbox
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.LeasedUntil == null || m.LeasedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, now + _lease), ct);
        if (leased == 0) return; // another instance has it, or it is done
        var row = await db.Outbox.FirstAsync(m => m.Id == id, ct);
        var notifier = row.Recipient == OutboxMessage.Room ? null : services.GetServices<IChannelNotifier>().FirstOrDefault(n => n.Channel == row.Channel);
        if (notifier is { DeliversInStore: true })
        {
            // Written to the store: the delivery and its record in one transaction.
            await using var gate = await services.GetRequiredService<StoreWriteScope>().HoldAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Record(row, await SendAsync(services, row, notifier, ct), now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return;
        }
        var delivery = await SendAsync(services, row, notifier, ct);
        Record(row, delivery, now);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // What the channel learned on the way (a DM channel another instance created at the same moment)
            // lost a race: the delivery itself is recorded all the same.
            db.ChangeTracker.Clear();
            row = await db.Outbox.FirstAsync(m => m.Id == id, ct);
            Record(row, delivery, now);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<Delivery> SendAsync(IServiceProvider services, OutboxMessage row, IChannelNotifier? notifier, CancellationToken ct)
    {
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

    private void Record(OutboxMessage row, Delivery delivery, DateTime now)
    {
        row.Attempts++;
        row.LeasedUntil = null;
        if (delivery.Status == DeliveryStatus.RetryLater && row.Attempts < MaxAttempts)
        {
            row.NextAttemptAt = now + (delivery.RetryAfter ?? Backoff(row.Attempts));
            LogRetryLater(row.Id, row.Channel, row.Attempts);
            return;
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
    }

    /// <summary>2, 4, 8… seconds with a little jitter, at most ten minutes.</summary>
    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(Math.Pow(2, attempts), LongestBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + Random.Shared.NextDouble() * 0.4));
    }

    /// <summary>The same at every attempt of one row, and short enough for Discord's nonce (25 characters).</summary>
    internal static string DeliveryKey(Guid id) => Convert.ToBase64String(id.ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox pass failed; the next one will pick up its rows")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId}: its delivery or its record failed; it is taken again when its lease ends")]
    private partial void LogDeliveryFailed(Exception exception, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} on {Channel} could not be sent")]
    private partial void LogSendFailed(Exception exception, Guid messageId, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} on {Channel}: attempt {Attempts} to be retried")]
    private partial void LogRetryLater(Guid messageId, string channel, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {MessageId} on {Channel} ended {Status}")]
    private partial void LogNotDelivered(Guid messageId, string channel, OutboxStatus status);
}
