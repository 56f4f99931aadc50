using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Groups;

/// <summary>The group of whoever speaks in this turn, read once: the turn's store keeps it for every later ask.</summary>
public static class SpeakerGroup
{
    public static async ValueTask<Group?> OfAsync(TurnContext context, CancellationToken ct) =>
        context.Person.GroupId is { } id ? await context.Db.Groups.FindAsync([id], ct) : null;
}
