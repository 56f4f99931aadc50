using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.WebChat;

/// <summary>
/// The Direct Line conversations kept in the store: any instance can answer any call. A posted
/// message, the bot's turn and its replies are written in one transaction, so a retried request
/// finds either everything or nothing.
/// </summary>
internal sealed partial class DirectLineConversations(StoreDbContext db, DialogEngine engine, TimeProvider clock, ILogger<DirectLineConversations> logger)
{
    public const int PageSize = 100;
    private const int Attempts = 3;

    public async Task<DirectLineConversation> StartAsync(string? conversationId, string? userId, CancellationToken ct)
    {
        if (conversationId is not null && await db.DirectLineConversations.FindAsync([conversationId], ct) is { } existing)
            return existing;
        var conversation = new DirectLineConversation
        {
            Id = conversationId ?? NewConversationId(), UserId = userId, CreatedAt = clock.GetUtcNow(),
        };
        db.DirectLineConversations.Add(conversation);
        await db.SaveChangesAsync(ct);
        return conversation;
    }

    public Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken ct) =>
        db.DirectLineConversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);

    /// <summary>Stores the user's message, runs the bot's turn and stores its replies; returns the message's id (null: not the owner).</summary>
    public async Task<string?> PostAsync(string conversationId, PostedActivity activity, bool bindUser, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PostOnceAsync(conversationId, activity, bindUser, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another request numbered an activity of this conversation first: everything was rolled back, go again.
                db.ChangeTracker.Clear();
                LogRetry(conversationId, attempt);
            }
        }
    }

    private async Task<string?> PostOnceAsync(string conversationId, PostedActivity activity, bool bindUser, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var conversation = await db.DirectLineConversations.FirstAsync(c => c.Id == conversationId, ct);
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
        var messageId = Append(conversation, activity.ClientActivityId, id => ActivityMapper.Echo(activity, id, conversationId, now), now);
        await db.SaveChangesAsync(ct);

        var result = await engine.RunAsync(ActivityMapper.ToIncoming(activity, conversationId), ct);
        // The engine may have cleared the change tracker after a failed turn: look the conversation up again.
        conversation = await db.DirectLineConversations.FirstAsync(c => c.Id == conversationId, ct);
        var replyTime = clock.GetUtcNow();
        foreach (var reply in result.Replies)
            Append(conversation, null, id => ActivityMapper.ToActivity(reply, id, conversationId, replyTime, messageId), replyTime);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return messageId;
    }

    /// <summary>The activities after <paramref name="watermark"/>, as the JSON body of a Direct Line answer.</summary>
    public async Task<string> ActivitiesAfterAsync(string conversationId, int watermark, CancellationToken ct)
    {
        var page = await db.DirectLineActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && a.Sequence > watermark)
            .OrderBy(a => a.Sequence).Take(PageSize)
            .Select(a => new { a.Sequence, a.Json })
            .ToListAsync(ct);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            foreach (var a in page) writer.WriteRawValue(a.Json, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteString("watermark", (page.Count > 0 ? page[^1].Sequence : watermark).ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private string Append(DirectLineConversation conversation, string? clientActivityId, Func<string, JsonObject> build, DateTimeOffset now)
    {
        var sequence = ++conversation.ActivityCount;
        var id = $"{conversation.Id}|{sequence:D7}";
        db.DirectLineActivities.Add(new DirectLineActivity
        {
            ConversationId = conversation.Id, Sequence = sequence, ActivityId = id, ClientActivityId = clientActivityId,
            Json = build(id).ToJsonString(ActivityMapper.Json), CreatedAt = now,
        });
        return id;
    }

    private static string NewConversationId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId}: concurrent write, attempt {Attempt} retried")]
    private partial void LogRetry(string conversationId, int attempt);
}
