using Bot.Dialogs.Engine;
using Bot.Turns;

namespace Bot.Channels.WebChat;

/// <summary>
/// The web chat's writes inside a turn: the person's message goes into the transcript before the
/// engine runs, the replies after it, all in the runner's transaction.
/// </summary>
internal sealed class DirectLineTurnSteps(string conversationId, PostedActivity activity, bool bindUser) : TurnSteps
{
    private string? _messageId;

    /// <summary>The id given to the person's message: what the POST answers, again for a retried delivery.</summary>
    public override string? Response => _messageId;

    /// <summary>A retried POST gets the message's id only: the replies are in the transcript, not kept twice.</summary>
    public override bool ReplaysReplies => false;

    public override async Task<bool> BeforeAsync(IServiceProvider services, CancellationToken ct)
    {
        var conversations = services.GetRequiredService<DirectLineConversations>();
        var conversation = await conversations.LockAsync(conversationId, ct);
        if (bindUser)
        {
            // Another request may have bound it since the endpoint looked: then this one is not its owner's.
            if (conversation.UserId is { } owner && owner != activity.FromId) return false;
            conversation.UserId = activity.FromId;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        _messageId = conversations.Append(conversation, id => ActivityMapper.Echo(activity, id, conversationId, now), now);
        return true;
    }

    public override async Task AfterAsync(IServiceProvider services, TurnResult result, CancellationToken ct)
    {
        var conversations = services.GetRequiredService<DirectLineConversations>();
        // Tracked still, unless the turn failed or erased the person: then read again.
        var conversation = await conversations.TrackedAsync(conversationId, ct);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // A counsellor's answers may speak of pupils: kept only until delivered.
        foreach (var reply in result.Replies)
            conversations.Append(conversation, id => ActivityMapper.ToActivity(reply, id, conversationId, now, _messageId), now,
                sensitive: SpeakerIsCounsellor);
    }

    /// <summary>The channel's idempotency key: the client's id for its message, scoped by the conversation.</summary>
    public static string? KeyOf(string conversationId, PostedActivity activity) =>
        activity.ClientActivityId is { Length: > 0 } clientId ? $"{conversationId}/{clientId}" : null;
}
