using Bot.Dialogs.Engine;
using Bot.Dialogs.Programme;
using Microsoft.Extensions.Options;
using T = Bot.Dialogs.Groups.GroupTexts;

namespace Bot.Dialogs.Groups;

/// <summary>
/// <c>/groupe</c>, for counsellors: which of their groups the other counsellor commands are about, its join code and
/// link, and its poster to print.
/// </summary>
public sealed class GroupDialog(IOptions<ProgrammeOptions> programme) : IDialog
{
    public string Name => "group";
    public string StartChoiceId => "start:group";
    public string MenuLabel => "";
    public bool CounsellorOnly => true;

    private static readonly CommandDeclaration[] Declared =
    [
        new("groupe", T.GroupCommand, "group", "Pick the group you follow, see its code and poster") { CounsellorOnly = true },
    ];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args) => Linking.LinkDialog.TryCommand(folded, "/groupe", out args);

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        var mine = await CounsellorScope.MineAsync(context, ct);
        var poster = args is not null && args.StartsWith("poster:", StringComparison.Ordinal);
        var slug = poster ? args![7..] : args;
        if (mine.Count == 0) context.Say(T.NoGroup);
        else if (string.IsNullOrEmpty(slug) && mine.Count > 1) CounsellorScope.AskWhich(context, mine);
        else if ((string.IsNullOrEmpty(slug) ? mine[0] : mine.FirstOrDefault(g => g.Slug == slug)) is not { } group) context.Say(T.NotYours);
        else
        {
            context.Person.GroupId = group.Id;
            var link = JoinCodes.Link(programme.Value.PublicUrl, group.JoinCode);
            if (poster)
                context.Add(new ImageReply(GroupPoster.Render(group.Name, group.JoinCode, link), GroupPoster.AltText(group.Name, group.JoinCode, link)));
            else context.Ask(T.Looking(group.Name, group.JoinCode, link), new Choice($"start:group:poster:{group.Slug}", T.PosterChoice));
        }
        return StepOutcome.Done;
    }

    public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Done);

    public void Reprompt(TurnContext context) { }

    public string Help(TurnContext context) => T.GroupCommand;
}
