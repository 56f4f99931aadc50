using System.Text;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Programme;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Groups;

/// <summary>
/// <c>/groupes</c>, for the town's administrators (<see cref="ProgrammeOptions.Administrators"/>, checked on the server against
/// the identity the channel authenticated): each group's numbers, never a pupil's name or words. Typed, not declared: it is
/// nobody else's business, so neither the help nor Discord's command list shows it (on Discord, the command line's
/// <c>group list</c> gives the same).
/// </summary>
public sealed class TownDialog(IOptions<ProgrammeOptions> programme, SchoolCalendar calendar) : IDialog
{
    public string Name => "town";
    public string StartChoiceId => "start:town";
    public string MenuLabel => "";

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        return folded == "/groupes";
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        var from = context.Message.From;
        if (!programme.Value.Administrators.Contains($"{from.Channel}:{from.Id}"))
        {
            context.Say("Cette commande est réservée à l'administrateur du bot.");
            return StepOutcome.Done;
        }
        var text = new StringBuilder("**Les groupes**\n");
        foreach (var n in await GroupNumbers.ForAllAsync(context.Db, calendar, context.Today, ct))
        {
            text.Append($"\n- **{Markdown.Plain(n.Group.Name)}** ({n.Group.Slug}, zone {n.Zone}{(n.Group.IsOpen ? "" : ", archivé")}) : ");
            text.Append($"{n.Pupils} élève(s), {n.Counsellors} conseillère(s), ");
            text.Append(n.Term is null ? "hors trimestre" : $"{n.Sessions} séance(s) de {n.Active} élève(s) ce trimestre");
            text.Append($", {n.Pending} demande(s) en attente");
        }
        context.Say(text.ToString());
        return StepOutcome.Done;
    }

    public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Done);

    public void Reprompt(TurnContext context) { }

    public string Help(TurnContext context) => "";
}
