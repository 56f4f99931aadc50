using Bot.Dialogs.Engine;
using Bot.Dialogs.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using T = Bot.Dialogs.Linking.LinkTexts;

namespace Bot.Dialogs.Linking;

/// <summary>
/// <c>/délier</c>: the channel identity that speaks leaves its person and becomes a new, empty one; the
/// person keeps everything on their other channels. Refused when it is the person's only identity.
/// </summary>
public sealed partial class UnlinkDialog(ILogger<UnlinkDialog> logger) : IDialog
{
    public string Name => "unlink";
    public string StartChoiceId => "start:unlink";
    public string MenuLabel => "";

    private static readonly CommandDeclaration[] Declared = [new("délier", T.UnlinkCommand, "unlink", "Detach this channel from your other accounts")];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args) =>
        LinkDialog.TryCommand(folded, "/delier", out args) || (!dialogActive && LinkDialog.TryCommand(folded, "delier", out args));

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        if (context.Message.IsCounsellor)
        {
            context.Say(T.CounsellorRefused);
            return StepOutcome.Done;
        }
        var person = context.Person;
        var user = context.Message.From;
        // Tracked: the one that speaks changes person. A first contact's identity is not in the store yet, and is alone anyway.
        var identities = await context.Db.ChannelIdentities.Where(i => i.PersonId == person.Id).ToListAsync(ct);
        if (identities.Count < 2 || identities.FirstOrDefault(i => i.Channel == user.Channel && i.ExternalId == user.Id) is not { } current)
        {
            context.Say(T.OnlyIdentity);
            return StepOutcome.Done;
        }
        var fresh = new Person { CreatedAt = context.Now, DisplayName = PeopleQueries.Trim(user.DisplayName) };
        context.Db.People.Add(fresh);
        current.PersonId = fresh.Id;
        context.SwitchPerson(fresh);
        context.Say(T.Unlinked(current.Channel, [.. identities.Where(i => i != current).Select(i => i.Channel)]));
        LogUnlinked(person.Id, fresh.Id);
        return StepOutcome.Done;
    }

    public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Done);

    public void Reprompt(TurnContext context) { }

    public string Help(TurnContext context) => T.UnlinkHelp;

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId}: one channel identity detached into the new person {NewPersonId}")]
    private partial void LogUnlinked(Guid personId, Guid newPersonId);
}
