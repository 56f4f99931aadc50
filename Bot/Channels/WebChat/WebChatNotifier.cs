using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;

namespace Bot.Channels.WebChat;

/// <summary>The web chat's way to speak first: the message appears in the person's newest conversation.</summary>
internal sealed class WebChatNotifier(DirectLineConversations conversations) : IChannelNotifier
{
    public string Channel => ActivityMapper.Channel;

    public Task<bool> SendAsync(string externalUserId, IReadOnlyList<Reply> replies, CancellationToken ct) =>
        conversations.DeliverAsync(externalUserId, replies, ct);
}
