using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Channels.WebChat;

/// <summary>The web chat's way to speak first: the message appears in the person's newest conversation, written with its outbox record.</summary>
internal sealed class WebChatNotifier(DirectLineConversations conversations, StoreDbContext db) : IChannelNotifier
{
    public string Channel => ActivityMapper.Channel;

    public bool DeliversInStore => true;

    public Task<bool> CanReachAsync(string externalUserId, CancellationToken ct) =>
        db.DirectLineConversations.AnyAsync(c => c.UserId == externalUserId, ct);

    public async Task<Delivery> SendAsync(string externalUserId, IReadOnlyList<Reply> replies, string deliveryKey, CancellationToken ct) =>
        await conversations.DeliverAsync(externalUserId, replies, ct) ? Delivery.Delivered : Delivery.Unreachable;
}
