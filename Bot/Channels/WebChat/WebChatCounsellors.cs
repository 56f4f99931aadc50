using Bot.Turns;

namespace Bot.Channels.WebChat;

/// <summary>Web chat counsellors who signed in (an invitation, the town's provider): their identity has a session in force.</summary>
internal sealed class WebChatSignedIn(CounsellorSessions sessions, Microsoft.Extensions.Options.IOptions<WebChatOptions> options) : ISignedInCounsellors
{
    public string Channel => ActivityMapper.Channel;

    // Without a secret nobody signs in (the chat is this machine's): no look-up on each turn.
    public Task<IReadOnlyList<string>?> SignedInGroupsAsync(string userId, CancellationToken ct) =>
        options.Value.HasSecret && CounsellorSessions.IsCounsellorId(userId)
            ? sessions.GroupsIfActiveAsync(userId, ct)
            : Task.FromResult<IReadOnlyList<string>?>(null);
}

/// <summary>Web chat counsellors: the user ids in WebChat:CounsellorIds, for the user a conversation or token is bound to.</summary>
internal sealed class WebChatCounsellors(Microsoft.Extensions.Options.IOptions<WebChatOptions> options) : IChannelCounsellors
{
    public string Channel => ActivityMapper.Channel;

    public bool IsCounsellor(string userId, IReadOnlyCollection<string> roles) => options.Value.IsCounsellor(userId);
}
