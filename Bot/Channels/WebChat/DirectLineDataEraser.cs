using Bot.Dialogs.MyData;
using Bot.Dialogs.People;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.WebChat;

/// <summary>
/// Erases the web chat transcripts of a person. The conversation in which they asked keeps its
/// row (the confirmation must still reach them) but loses every message. Counsellors' answers not yet
/// delivered lose their words too, and the charts drawn in memory are dropped.
/// </summary>
internal sealed class DirectLineDataEraser(StoreDbContext db, DirectLineConversations transcripts, DrawnCharts drawn) : IChannelDataEraser
{
    public async Task EraseAsync(IReadOnlyList<ChannelIdentity> identities, string currentConversationId, CancellationToken ct)
    {
        // Answers a counsellor has not fetched yet may quote this pupil: none survives the erasure (whoever they were about).
        await transcripts.ForgetSensitiveAsync(null, int.MaxValue, ct);
        // Their charts, drawn for their transcript's reads, stay nowhere either.
        drawn.ForgetAll();
        var userIds = identities.Where(i => i.Channel == ActivityMapper.Channel).Select(i => i.ExternalId).ToList();
        if (userIds.Count == 0) return;
        var conversations = db.DirectLineConversations.Where(c => c.UserId != null && userIds.Contains(c.UserId)).Select(c => c.Id);
        await db.DirectLineActivities.Where(a => conversations.Contains(a.ConversationId)).ExecuteDeleteAsync(ct);
        await db.DirectLineConversations.Where(c => c.UserId != null && userIds.Contains(c.UserId) && c.Id != currentConversationId).ExecuteDeleteAsync(ct);
    }
}
