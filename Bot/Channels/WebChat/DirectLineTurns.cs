using Bot.Dialogs.Engine;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.WebChat;

/// <summary>
/// One posted message: stored, answered by the bot, its replies stored, all in one transaction,
/// so that a retried request finds either everything or nothing.
/// </summary>
internal sealed partial class DirectLineTurns(StoreDbContext db, DirectLineConversations conversations, DialogEngine engine, TimeProvider clock,
    StoreWriteScope writes, ILogger<DirectLineTurns> logger)
{
    private const int Attempts = 3;

    /// <summary>Stores the user's message, runs the bot's turn and stores its replies; returns the message's id (null: not the owner).</summary>
    public async Task<string?> PostAsync(string conversationId, PostedActivity activity, bool bindUser, bool isCounsellor, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PostOnceAsync(conversationId, activity, bindUser, isCounsellor, ct);
            }
            catch (Exception ex) when (attempt < Attempts && IsTransient(ex))
            {
                // Another request wrote to this conversation first (or PostgreSQL broke a deadlock):
                // everything was rolled back, go again.
                db.ChangeTracker.Clear();
                LogRetry(conversationId, attempt);
            }
        }
    }

    private async Task<string?> PostOnceAsync(string conversationId, PostedActivity activity, bool bindUser, bool isCounsellor, CancellationToken ct)
    {
        // On SQLite the whole turn is one write transaction: wait for the gate first, not in SQLite's busy loop.
        await using var gate = await writes.HoldAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var conversation = await conversations.LockAsync(conversationId, ct);
        if (bindUser)
        {
            // Another request may have bound it since the endpoint looked: then this one is not its owner's.
            if (conversation.UserId is { } owner && owner != activity.FromId) return null;
            conversation.UserId = activity.FromId;
        }
        if (activity.ClientActivityId is { } clientId
            && await db.DirectLineActivities.Where(a => a.ConversationId == conversationId && a.ClientActivityId == clientId)
                .Select(a => a.ActivityId).FirstOrDefaultAsync(ct) is { } known)
            return known; // a retry of a message already handled

        var now = clock.GetUtcNow();
        var messageId = conversations.Append(conversation, activity.ClientActivityId, id => ActivityMapper.Echo(activity, id, conversationId, now), now);
        await db.SaveChangesAsync(ct);

        var result = await engine.RunAsync(ActivityMapper.ToIncoming(activity, conversationId, isCounsellor), ct);
        // The engine may have cleared the change tracker after a failed turn: then (only) read the conversation again.
        conversation = (await db.DirectLineConversations.FindAsync([conversationId], ct))!;
        var replyTime = clock.GetUtcNow();
        foreach (var reply in result.Replies)
            conversations.Append(conversation, null, id => ActivityMapper.ToActivity(reply, id, conversationId, replyTime, messageId), replyTime);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return messageId;
    }

    private static bool IsTransient(Exception ex) => ex is DbUpdateConcurrencyException || IsPostgresConflict(ex);

    // Apart, so that Npgsql is loaded only when an exception asks (a bot on SQLite never loads it).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsPostgresConflict(Exception ex) =>
        ex.InnerException is Npgsql.PostgresException { SqlState: "23505" or "40P01" or "40001" } // duplicate number, deadlock, serialization
        || ex is Npgsql.PostgresException { SqlState: "40P01" or "40001" };

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId}: concurrent write, attempt {Attempt} retried")]
    private partial void LogRetry(string conversationId, int attempt);
}
