using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Turns;

/// <summary>
/// The only way a channel runs a turn. It owns the DI scope, per-conversation serialization (the
/// conversation's row locked on PostgreSQL, the write gate on SQLite), one transaction, the
/// channel's idempotency key (a retried delivery gets the stored answer and changes nothing),
/// retries of transient conflicts, and who is a counsellor. The engine changes entities; this
/// commits them once, with the channel's writes and the outbox rows, and only then may anything be sent.
/// </summary>
public sealed partial class TurnRunner(IServiceScopeFactory scopes, CounsellorPolicy counsellors, Outbox.OutboxDispatcher outbox,
    Dialogs.Charts.ChartDrawer charts, TimeProvider clock, ILogger<TurnRunner> logger)
{
    private const int Attempts = 3;

    public Task<TurnOutcome> RunAsync(TurnRequest request, TurnSteps? steps = null, CancellationToken ct = default)
    {
        var message = request.Message with
        {
            IsCounsellor = counsellors.IsCounsellor(request.Message.From, request.Roles ?? []), Roles = request.Roles is null ? null : [.. request.Roles],
        };
        return RunAsync(message.From.Channel, message.ConversationId, request.Key, message, steps ?? TurnSteps.None, ct);
    }

    /// <summary>A delivery that is no message for the engine (Teams' install): the channel's writes only, with the same guarantees.</summary>
    public Task<TurnOutcome> RecordAsync(string channel, string conversationId, string? key, TurnSteps steps, CancellationToken ct = default) =>
        RunAsync(channel, conversationId, key, null, steps, ct);

    private async Task<TurnOutcome> RunAsync(string channel, string conversationId, string? key, IncomingMessage? message, TurnSteps steps,
        CancellationToken ct)
    {
        var outcome = await CommitAsync(channel, conversationId, key, message, steps, ct);
        // Committed and the gate released: a chart is drawn now, in the asker's time only (the web chat draws when it reads).
        if (!steps.ReplaysReplies) return outcome;
        var replies = charts.DrawAll(outcome.Result.Replies);
        return ReferenceEquals(replies, outcome.Result.Replies) ? outcome : outcome with { Result = outcome.Result with { Replies = replies } };
    }

    private async Task<TurnOutcome> CommitAsync(string channel, string conversationId, string? key, IncomingMessage? message, TurnSteps steps,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<StoreDbContext>();
        if (message is { IsCounsellor: false } && services.GetServices<ISignedInCounsellors>().FirstOrDefault(s => s.Channel == channel) is { } signedIn
            && await signedIn.SignedInGroupsAsync(message.From.Id, ct) is { } groups)
            message = message with { IsCounsellor = true, CounsellorGroups = groups };
        // (None is shared by every turn without channel steps: nothing to tell it.)
        if (!ReferenceEquals(steps, TurnSteps.None)) steps.SpeakerIsCounsellor = message?.IsCounsellor == true;
        // The runner retries whole attempts: EF's own savepoint around each SaveChanges is only round trips.
        db.Database.AutoSavepointsEnabled = false;
        var writes = services.GetRequiredService<StoreWriteScope>();
        key = key is null ? null : Digest(channel, conversationId, message?.From.Id, key);
        var failed = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Read before waiting for the writer's turn (reads never wait); a repeat racing its first
                // delivery runs into the key's primary key at the commit, is rolled back, and is found here next time.
                if (key is not null && await db.ProcessedTurns.AsNoTracking().FirstOrDefaultAsync(t => t.Channel == channel && t.Key == key, ct) is { } done)
                {
                    LogDuplicate(channel, conversationId);
                    return new TurnOutcome(new TurnResult(ReplyJson.Read(done.Replies), ExpectsAnswer: done.ExpectsAnswer), done.Response, Duplicate: true,
                        Answered: done.Answered);
                }
                // On SQLite the whole turn is one write transaction: wait for the gate first, not in SQLite's busy loop.
                await using var gate = await writes.HoldAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var outcome = await OnceAsync(db, services, channel, conversationId, key, failed ? null : message, steps, ct);
                if (outcome.Refused) return outcome;
                if (outcome.Result.Failed && !failed)
                {
                    // The engine broke: nothing it wrote is kept. Once more, without it: the person's message, a clean state, an apology.
                    failed = true;
                    db.ChangeTracker.Clear();
                    continue;
                }
                var told = db.ChangeTracker.Entries<Dialogs.Notices.OutboxMessage>().Any();
                await transaction.CommitAsync(ct);
                if (db.ErasedSomeone) await StoreExtensions.ForgetFreedPagesAsync(db, ct);
                // Only now may what the turn decided reach anyone else.
                if (told) outbox.Wake();
                return outcome;
            }
            catch (Exception ex) when (IsTransient(ex, db))
            {
                // Another turn wrote first (or PostgreSQL broke a deadlock): everything was rolled back.
                db.ChangeTracker.Clear();
                if (attempt >= Attempts)
                {
                    LogGaveUp(channel, conversationId);
                    return new TurnOutcome(DialogEngine.Conflict, null, Conflict: true);
                }
                LogRetry(channel, conversationId, attempt);
            }
        }

        async Task<TurnOutcome> OnceAsync(StoreDbContext db, IServiceProvider services, string channel, string conversationId, string? key,
            IncomingMessage? engineMessage, TurnSteps steps, CancellationToken ct)
        {
            await LockConversationAsync(db, channel, conversationId, ct);
            if (!await steps.BeforeAsync(services, ct)) return new TurnOutcome(new TurnResult([]), null, Refused: true);
            var result = new TurnResult([]);
            var engine = services.GetRequiredService<DialogEngine>();
            if (engineMessage is not null)
            {
                result = await engine.RunAsync(engineMessage, ct);
                if (result.Failed) return new TurnOutcome(result, null);
            }
            else if (failed && message is not null)
            {
                await engine.ResetAsync(message, ct);
                result = DialogEngine.Failure;
            }
            await steps.AfterAsync(services, result, ct);
            if (key is not null)
                db.ProcessedTurns.Add(new ProcessedTurn
                {
                    Channel = channel, Key = key, ConversationId = conversationId, Response = steps.Response,
                    Replies = steps.ReplaysReplies ? ReplyJson.WriteForReplay(result.Replies) : "[]", ExpectsAnswer = result.ExpectsAnswer,
                    Answered = !steps.PostsAfterCommit,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                });
            await db.SaveChangesAsync(ct);
            return new TurnOutcome(result with { Failed = false }, steps.Response);
        }
    }

    /// <summary>
    /// For a channel that posts its answer after the commit (Teams): the answer went out, so a
    /// delivery that comes again is not answered twice. Until then, a repeat gets the answer again.
    /// </summary>
    public async Task MarkAnsweredAsync(string channel, string conversationId, string senderId, string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var digest = Digest(channel, conversationId, senderId, key);
        await using (await scope.ServiceProvider.GetRequiredService<StoreWriteScope>().HoldAsync(ct))
            await db.ProcessedTurns.Where(t => t.Channel == channel && t.Key == digest).ExecuteUpdateAsync(s => s.SetProperty(t => t.Answered, true), ct);
    }

    /// <summary>
    /// The stored key: the channel's key with the conversation and the sender, hashed. Whatever a
    /// client sends fits the column, and one sender can never be answered with another's turn.
    /// </summary>
    private static string Digest(string channel, string conversationId, string? senderId, string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{channel}\n{conversationId}\n{senderId}\n{key}")));

    /// <summary>
    /// Turns of one conversation take turns. On PostgreSQL its row is created if need be and locked
    /// until the commit; on SQLite the write gate already lets one writer in at a time.
    /// </summary>
    private Task LockConversationAsync(StoreDbContext db, string channel, string conversationId, CancellationToken ct)
    {
        if (db.Database.ProviderName != StoreExtensions.PostgreSqlProvider) return Task.CompletedTask;
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Conversations" ("Channel", "ConversationId", "State", "Version", "UpdatedAt") VALUES ({channel}, {conversationId}, {"{}"}, 0, {now})
            ON CONFLICT DO NOTHING;
            SELECT 1 FROM "Conversations" WHERE "Channel" = {channel} AND "ConversationId" = {conversationId} FOR UPDATE;
            """, ct);
    }

    private static bool IsTransient(Exception ex, StoreDbContext db) =>
        ex is DbUpdateConcurrencyException
        || (db.Database.ProviderName == StoreExtensions.PostgreSqlProvider ? IsPostgresConflict(ex) : IsSqliteConstraint(ex));

    // A key written by a twin since this turn looked (its delivery's key, a new person's identity): go again.
    private static bool IsSqliteConstraint(Exception ex) =>
        ex is DbUpdateException { InnerException: Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } };

    // Apart, so that Npgsql is loaded only on PostgreSQL (a bot on SQLite never loads it).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsPostgresConflict(Exception ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: "23505" or "40P01" or "40001" } // duplicate key, deadlock, serialization
        || ex is Npgsql.PostgresException { SqlState: "40P01" or "40001" };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Channel} conversation {ConversationId}: concurrent write, attempt {Attempt} retried")]
    private partial void LogRetry(string channel, string conversationId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} conversation {ConversationId}: still conflicting after retries, the turn was not saved")]
    private partial void LogGaveUp(string channel, string conversationId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Channel} conversation {ConversationId}: a delivery already handled came again; its answer was repeated")]
    private partial void LogDuplicate(string channel, string conversationId);
}
