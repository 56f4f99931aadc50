using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Charts;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using T = Bot.Dialogs.Progress.MyTrimesterTexts;

namespace Bot.Dialogs.Progress;

/// <summary>
/// <c>/mon-trimestre</c>: the pupil's trimester in a few lines (sessions, domains, levels over time, the self-assessment,
/// badge requests), read from their own rows only; answered at once, no question asked.
/// </summary>
public sealed class MyTrimesterDialog(SchoolCalendar calendar, IOptions<BadgeCatalog> catalog) : IDialog
{
    private static readonly HashSet<string> Commands = ["/mon-trimestre", "/montrimestre", "/mon_trimestre", "mon trimestre", "/mon trimestre"];

    public string Name => "mytrimester";
    public string StartChoiceId => "start:mytrimester";
    public string MenuLabel => "";

    private static readonly CommandDeclaration[] Declared = [new("mon-trimestre", T.Command, "my-trimester", "Your trimester in a few lines")];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        return Commands.Contains(folded);
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        var me = context.Person.Id;
        var group = await Groups.SpeakerGroup.OfAsync(context, ct);
        if (calendar.For(group?.Zone).Current(context.Today) is not { } term) { context.Say(T.NoTrimester); return StepOutcome.Done; }

        var sessions = (await context.Db.Contributions.AsNoTracking()
            .Where(c => c.PersonId == me && c.SessionDate >= term.First && c.SessionDate <= term.Last).ToListAsync(ct))
            .OrderBy(c => c.SessionDate).ThenBy(c => c.CreatedAt).ToList();
        var assessment = await context.Db.TrimesterSelfAssessments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.PersonId == me && a.Trimester == term.Name, ct);
        // Requests made during the trimester, and any still waiting; dates compared in memory (SQLite cannot compare offsets).
        var requests = (await context.Db.BadgeRequests.AsNoTracking().Where(r => r.PersonId == me).ToListAsync(ct))
            .Where(r => term.Contains(ParisTime.Today(r.CreatedAt)) || r.Status == Badges.BadgeRequestStatus.Pending)
            .OrderBy(r => r.CreatedAt)
            .Select(r => (catalog.Value.Find(r.BadgeId)?.Name ?? r.BadgeId, r.Status)).ToList();

        // Where they stand for each badge their group offers, as /badges counts it: the sessions and self-assessment of this group.
        var progress = group is null ? [] : catalog.Value.For(group.Slug)
            .Select(b => (b.Name, Progress: BadgeProgress.Evaluate(b, term, sessions.Where(c => c.GroupId == group.Id),
                assessment?.GroupId == group.Id ? assessment : null)))
            .Where(p => p.Progress.HasRequirements).ToList();
        if (sessions.Count > 0)
            context.Add(TrimesterCharts.Pupil("", term, calendar.For(group?.Zone), group?.SessionDay ?? DayOfWeek.Friday, sessions, own: true));
        context.Ask(T.Summary(term, sessions, assessment is not null, requests) + T.Badges(progress),
            sessions.Count == 0 ? [T.LogOne, T.BadgesChoice] : [T.MySessions, T.BadgesChoice]);
        return StepOutcome.Done;
    }

    public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Done);

    public void Reprompt(TurnContext context) { }

    public string Help(TurnContext context) => T.Help;
}
