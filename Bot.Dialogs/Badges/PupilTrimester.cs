using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Programme;
using Bot.Dialogs.SelfAssessment;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Badges;

/// <summary>
/// One pupil's trimester in one group, as the badge criteria read it: their sessions and their self-assessment.
/// Loaded once per turn (two queries), then asked about as many badges as needed.
/// </summary>
public sealed record PupilTrimester(SchoolPeriod Term, IReadOnlyList<Contribution> Sessions, TrimesterSelfAssessment? Assessment)
{
    public BadgeProgress Progress(BadgeDefinition badge) => BadgeProgress.Evaluate(badge, Term, Sessions, Assessment);

    /// <summary>The pupil's sessions logged in <paramref name="groupId"/> during <paramref name="term"/>, and their self-assessment of it.</summary>
    public static async Task<PupilTrimester> LoadAsync(BotDbContext db, Guid personId, Guid groupId, SchoolPeriod term, CancellationToken ct)
    {
        var sessions = await db.Contributions.AsNoTracking()
            .Where(c => c.PersonId == personId && c.GroupId == groupId && c.SessionDate >= term.First && c.SessionDate <= term.Last)
            .ToListAsync(ct);
        var assessment = await db.TrimesterSelfAssessments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.PersonId == personId && a.GroupId == groupId && a.Trimester == term.Name, ct);
        return new(term, sessions, assessment);
    }
}
