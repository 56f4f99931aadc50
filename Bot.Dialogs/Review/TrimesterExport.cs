using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Review;

/// <summary>The trimester as a table, one line per pupil who logged a session or asked for a badge in it.</summary>
public static class TrimesterExport
{
    public static readonly string[] Header =
        ["Élève", "Identifiant", "Séances", "Dates", "Domaines", "Niveaux", "Bilan du trimestre", "Demandes", "Décisions",
        "Séances corrigées"];

    public static string FileName(SchoolPeriod term) =>
        "suivi-" + string.Concat(Understanding.TextNormalizer.Fold(term.Name).Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-') + ".csv";

    public static async Task<byte[]> BuildAsync(BotDbContext db, SchoolPeriod term, Guid groupId, Func<string, string> badgeName, CancellationToken ct)
    {
        var sessions = await TrimesterSummary.SessionsAsync(db, term, groupId, ct);
        var requests = (await db.BadgeRequests.AsNoTracking().Where(r => r.GroupId == groupId).ToListAsync(ct))
            .Where(r => term.Contains(ParisTime.Today(r.CreatedAt)) || r.Status == BadgeRequestStatus.Pending).ToList();
        var assessments = await db.TrimesterSelfAssessments.AsNoTracking().Where(a => a.GroupId == groupId && a.Trimester == term.Name).ToListAsync(ct);
        var ids = sessions.Select(s => s.PersonId).Concat(requests.Select(r => r.PersonId)).Concat(assessments.Select(a => a.PersonId)).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, First = p.Identities.Select(i => i.ExternalId).FirstOrDefault() }).ToListAsync(ct);

        var lines = new List<string> { Csv.Line(Header) };
        foreach (var person in people.OrderBy(p => p.DisplayName ?? p.First, StringComparer.Create(ParisTime.French, true)))
        {
            var own = sessions.Where(s => s.PersonId == person.Id).OrderBy(s => s.SessionDate).ToList();
            var asked = requests.Where(r => r.PersonId == person.Id).OrderBy(r => r.CreatedAt).ToList();
            lines.Add(Csv.Line(
            [
                person.DisplayName ?? person.First, person.First, own.Count.ToString(ParisTime.French),
                string.Join(", ", own.Select(s => s.SessionDate.ToString("dd/MM/yyyy", ParisTime.French))),
                string.Join(", ", own.GroupBy(s => s.Domain).Select(g => $"{ContributionTexts.Domains[g.Key]} ({g.Count()})")),
                string.Join(", ", own.Select(s => s.Level.ToString(ParisTime.French))),
                assessments.FirstOrDefault(a => a.PersonId == person.Id) is { } a ? SelfAssessment.SelfAssessmentTexts.Line(a) : "",
                string.Join(", ", asked.Select(r => badgeName(r.BadgeId))),
                string.Join(", ", asked.Select(r => ReviewTexts.Status(r.Status) + (r.DecidedBy is null ? "" : $" par {r.DecidedBy}"))),
                string.Join(", ", own.Where(s => s.UpdatedAt > s.CreatedAt).Select(s =>
                    $"{s.SessionDate.ToString("dd/MM/yyyy", ParisTime.French)} (le {ParisTime.Today(s.UpdatedAt).ToString("dd/MM/yyyy", ParisTime.French)})")),
            ]));
        }
        return Csv.File(lines);
    }
}
