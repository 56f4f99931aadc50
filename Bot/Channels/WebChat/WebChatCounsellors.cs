using Bot.Turns;

namespace Bot.Channels.WebChat;

/// <summary>Web chat counsellors who signed in: an invitation opened in their browser made its identity a counsellor.</summary>
internal sealed class WebChatSignedIn(CounsellorInvites invites, Microsoft.Extensions.Options.IOptions<WebChatOptions> options) : ISignedInCounsellors
{
    public string Channel => ActivityMapper.Channel;

    // Without a secret no invitation can be opened: no look-up on each turn.
    public Task<bool> IsSignedInAsync(string userId, CancellationToken ct) =>
        options.Value.HasSecret ? invites.IsSignedInAsync(userId, ct) : Task.FromResult(false);
}

/// <summary>Web chat counsellors: the user ids in WebChat:CounsellorIds, for the user a conversation or token is bound to.</summary>
internal sealed class WebChatCounsellors(Microsoft.Extensions.Options.IOptions<WebChatOptions> options) : IChannelCounsellors
{
    public string Channel => ActivityMapper.Channel;

    public bool IsCounsellor(string userId, IReadOnlyCollection<string> roles) => options.Value.IsCounsellor(userId);
}
