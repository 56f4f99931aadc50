using Bot.Dialogs.Engine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>The Bot Builder side of a turn: the activity to the neutral engine, the replies back.</summary>
internal sealed class TeamsBot(DialogEngine engine, IOptions<TeamsOptions> options, TeamsNotifier notifier, Bot.Store.StoreDbContext db, TimeProvider clock,
    CommandCatalog commands) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var userId = activity.From?.AadObjectId is { Length: > 0 } aad ? aad : activity.From?.Id ?? "";
        var shared = TeamsMapper.IsShared(activity);
        // Install, conversation update or message in the personal chat: the latest way to reach this user is kept.
        // Never a team channel or group chat: a notice for one pupil must not be read by the others.
        if (userId.Length > 0 && activity.Conversation?.Id is not null && !shared) await notifier.RememberAsync(activity, userId, clock.GetUtcNow(), cancellationToken);
        if (TeamsMapper.ToIncoming(activity, options.Value.CounsellorIds.Contains(userId), commands) is not { } message)
        {
            await db.SaveChangesAsync(cancellationToken);
            // Just added to someone's personal chat: a first hello, so the chat is not an empty page.
            if (TeamsMapper.IsInstalledHere(activity)) await turnContext.SendActivityAsync(MessageFactory.Text(TeamsMapper.InstallHello), cancellationToken);
            return;
        }
        if (shared)
        {
            // Everyone in the team reads the answers, and the conversation is shared: sessions, requests and reviews happen in private.
            await turnContext.SendActivityAsync(MessageFactory.Text(TeamsMapper.PrivateOnly), cancellationToken);
            return;
        }
        // Prefer the whole form: Teams shows Adaptive Cards well.
        message = message with { PrefersForms = true };
        var result = await engine.RunAsync(message, cancellationToken);
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
    }
}
