using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.WebChat;

/// <summary>The Direct Line conversations and their transcripts, kept in the store: any instance can answer any call.</summary>
internal sealed class DirectLineConversations(StoreDbContext db, TimeProvider clock, StoreWriteScope writes, DrawnCharts charts)
{
    public const int PageSize = 100;

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

    /// <summary>
    /// Loads a conversation to write to it, inside the caller's transaction. On PostgreSQL the row
    /// is locked (FOR UPDATE) so that writers of one conversation take turns; SQLite's write
    /// transaction already locks the whole file.
    /// </summary>
    public Task<DirectLineConversation> LockAsync(string conversationId, CancellationToken ct) =>
        db.Database.ProviderName == StoreExtensions.PostgreSqlProvider
            ? db.DirectLineConversations.FromSqlInterpolated($"SELECT * FROM \"DirectLineConversations\" WHERE \"Id\" = {conversationId} FOR UPDATE").FirstAsync(ct)
            : db.DirectLineConversations.FirstAsync(c => c.Id == conversationId, ct);

    /// <summary>The conversation as this unit of work tracks it (read when it does not).</summary>
    public async Task<DirectLineConversation> TrackedAsync(string conversationId, CancellationToken ct) =>
        (await db.DirectLineConversations.FindAsync([conversationId], ct))!;

    public Task<DirectLineConversation?> FindAsync(string conversationId, CancellationToken ct) =>
        db.DirectLineConversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, ct);

    /// <summary>
    /// Adds bot messages to every conversation of a web chat user still in use (an activity in the
    /// last day; the newest one in any case), for the caller's save to write (the outbox records the
    /// delivery in the same transaction): each tab the person has open shows it. False when they have none.
    /// </summary>
    public async Task<bool> DeliverAsync(string userId, IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        var candidates = await db.DirectLineConversations.AsNoTracking().Where(c => c.UserId == userId)
            .Select(c => new { c.Id, c.CreatedAt, c.LastActivityAt }).ToListAsync(ct);
        if (candidates.Count == 0) return false;
        var now = clock.GetUtcNow();
        var newest = candidates.MaxBy(c => (c.LastActivityAt ?? c.CreatedAt).UtcTicks)!.Id;
        var open = candidates.Where(c => c.Id == newest || (c.LastActivityAt ?? c.CreatedAt) > now - InUse).Select(c => c.Id).Order(StringComparer.Ordinal);
        foreach (var id in open)
        {
            var conversation = await LockAsync(id, ct);
            foreach (var reply in replies)
                Append(conversation, activityId => ActivityMapper.ToActivity(reply, activityId, conversation.Id, now, replyToId: null), now);
        }
        return true;
    }

    private static readonly TimeSpan InUse = TimeSpan.FromDays(1);

    /// <summary>The activities after <paramref name="watermark"/>, as the JSON body of a Direct Line answer.</summary>
    public async Task<string> ActivitiesAfterAsync(string conversationId, int watermark, CancellationToken ct)
    {
        var page = await db.DirectLineActivities.AsNoTracking()
            .Where(a => a.ConversationId == conversationId && a.Sequence > watermark)
            .OrderBy(a => a.Sequence).Take(PageSize)
            .Select(a => new { a.Sequence, a.Json, a.Sensitive })
            .ToListAsync(ct);
        // Delivered now: a counsellor's answers about pupils are not kept after this.
        if (page.Any(a => a.Sensitive))
            await using (await writes.HoldAsync(ct))
                await ForgetSensitiveAsync(conversationId, page[^1].Sequence, ct);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("activities");
            // Drawn here, as it is read, and not in the turn that answered: no other turn waits for a drawing.
            foreach (var a in page)
            {
                var json = a.Json.Contains(ActivityMapper.ChartMarker, StringComparison.Ordinal) ? charts.Serve(a.Json, keep: !a.Sensitive) : a.Json;
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteString("watermark", (page.Count > 0 ? page[^1].Sequence : watermark).ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Numbers and adds one activity; the caller saves.</summary>
    public string Append(DirectLineConversation conversation, Func<string, JsonObject> build, DateTimeOffset now, bool sensitive = false)
    {
        var sequence = ++conversation.ActivityCount;
        conversation.LastActivityAt = now;
        var id = $"{conversation.Id}|{sequence:D7}";
        db.DirectLineActivities.Add(new DirectLineActivity
        {
            ConversationId = conversation.Id, Sequence = sequence, ActivityId = id,
            Json = build(id).ToJsonString(ActivityMapper.Json), CreatedAt = now, Sensitive = sensitive,
        });
        return id;
    }

    /// <summary>
    /// Answers given to a counsellor lose their words (a placeholder keeps their place in the transcript):
    /// those just delivered in one conversation, or with <paramref name="conversationId"/> null, all of them.
    /// </summary>
    public async Task ForgetSensitiveAsync(string? conversationId, int upTo, CancellationToken ct)
    {
        var query = db.DirectLineActivities.Where(a => a.Sensitive);
        if (conversationId is not null) query = query.Where(a => a.ConversationId == conversationId && a.Sequence <= upTo);
        foreach (var activity in await query.ToListAsync(ct))
        {
            activity.Json = ActivityMapper.Forgotten(activity.ActivityId, activity.ConversationId, activity.CreatedAt).ToJsonString(ActivityMapper.Json);
            activity.Sensitive = false;
        }
        await db.SaveChangesAsync(ct);
    }

    private static string NewConversationId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
