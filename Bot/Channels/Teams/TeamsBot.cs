using Bot.Dialogs.Engine;
using Bot.Turns;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>
/// The Bot Builder side of a turn: the activity to the turn runner, the replies back to the
/// connector once the turn has committed. A delivery already handled (same activity id) posts nothing.
/// </summary>
internal sealed class TeamsBot(TurnRunner runner, CommandCatalog commands) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id ?? "";
        var key = activity.Id is { Length: > 0 } id ? $"{conversationId}/{id}" : null;
        var userId = activity.From?.AadObjectId is { Length: > 0 } aad ? aad : activity.From?.Id ?? "";
        var shared = TeamsMapper.IsShared(activity);
        // Install, conversation update or message in the personal chat: the latest way to reach this user is kept.
        // Never a team channel or group chat: a notice for one pupil must not be read by the others.
        var message = TeamsMapper.ToIncoming(activity, commands);
        var steps = new TeamsTurnSteps(activity, userId.Length > 0 && conversationId.Length > 0 && !shared ? userId : null,
            shared && message is { Places: { } places } ? (message.From, places) : null);

        if (message is null || shared)
        {
            var recorded = await runner.RecordAsync(TeamsMapper.Channel, conversationId, key, steps, cancellationToken);
            if (recorded.Duplicate) return;
            // Just added to someone's personal chat: a first hello, so the chat is not an empty page.
            if (message is null && TeamsMapper.IsInstalledHere(activity))
                await turnContext.SendActivityAsync(MessageFactory.Text(TeamsMapper.InstallHello), cancellationToken);
            // Everyone in the team reads the answers, and the conversation is shared: sessions, requests and reviews happen in private.
            if (message is not null) await turnContext.SendActivityAsync(MessageFactory.Text(TeamsMapper.PrivateOnly), cancellationToken);
            return;
        }
        // Prefer the whole form: Teams shows Adaptive Cards well.
        var outcome = await runner.RunAsync(new TurnRequest(message with { PrefersForms = true }, key), steps, cancellationToken);
        // A delivery already answered posts nothing more; one whose answer never went out (the connector
        // failed, Teams delivers it again) gets the stored answer.
        if (outcome.Refused || (outcome.Duplicate && outcome.Answered)) return;
        var result = outcome.Result;
        if (TeamsMapper.UpdatesCard(activity, out var cardText))
        {
            // A click on a request's own card: that card shows the outcome (Teams' updateActivity).
            var (card, rest) = TeamsMapper.UpdatedCard(cardText, result);
            var updated = (Activity)MessageFactory.Attachment(card);
            updated.Id = activity.ReplyToId;
            await turnContext.UpdateActivityAsync(updated, cancellationToken);
            result = rest;
        }
        var replies = TeamsMapper.ToActivities(result).Cast<IActivity>().ToArray();
        if (replies.Length > 0) await turnContext.SendActivitiesAsync(replies, cancellationToken);
        if (key is not null) await runner.MarkAnsweredAsync(TeamsMapper.Channel, conversationId, message.From.Id, key, cancellationToken);
    }

    /// <summary>Teams posts its answer after the commit; in the turn, the conversation reference of the user's latest activity is kept.</summary>
    /// <param name="joinFrom">Who wrote in a team channel, and where: a pupil without a group joins the group mapped to that team.</param>
    private sealed class TeamsTurnSteps(Activity activity, string? rememberUserId, (ChannelUser User, IReadOnlyList<string> Places)? joinFrom = null)
        : TurnSteps
    {
        public override bool PostsAfterCommit => true;

        public override async Task<bool> BeforeAsync(IServiceProvider services, CancellationToken ct)
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (rememberUserId is not null) await services.GetRequiredService<TeamsNotifier>().RememberAsync(activity, rememberUserId, now, ct);
            // A counsellor writing in the team is no pupil of it.
            if (joinFrom is { } join && !services.GetRequiredService<CounsellorPolicy>().IsCounsellor(join.User, []))
                await services.GetRequiredService<Dialogs.Groups.GroupPlacement>().JoinByPlaceAsync(join.User, join.Places, now, ct);
            return true;
        }
    }
}

/// <summary>Teams counsellors: the Entra object ids in Teams:CounsellorIds.</summary>
internal sealed class TeamsCounsellors(IOptions<TeamsOptions> options) : IChannelCounsellors
{
    public string Channel => TeamsMapper.Channel;

    public bool IsCounsellor(string userId, IReadOnlyCollection<string> roles) => options.Value.CounsellorIds.Contains(userId);
}
