using Bot.Dialogs.Engine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

/// <summary>The Bot Builder side of a turn: the activity to the neutral engine, the replies back.</summary>
internal sealed class TeamsBot(DialogEngine engine, IOptions<TeamsOptions> options) : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var userId = activity.From?.AadObjectId is { Length: > 0 } aad ? aad : activity.From?.Id ?? "";
        if (TeamsMapper.ToIncoming(activity, options.Value.CounsellorIds.Contains(userId)) is not { } message) return;
        // Prefer the whole form: Teams shows Adaptive Cards well.
        message = message with { PrefersForms = true };
        var result = await engine.RunAsync(message, cancellationToken);
        var replies = TeamsMapper.ToActivities(result).Cast<IActivity>().ToArray();
        if (replies.Length > 0) await turnContext.SendActivitiesAsync(replies, cancellationToken);
    }
}
