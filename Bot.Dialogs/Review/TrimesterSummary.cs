using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;
using T = Bot.Dialogs.Review.ReviewTexts;

namespace Bot.Dialogs.Review;

/// <summary>The trimester at a glance, for /suivi and for the nudge before it ends.</summary>
public static class TrimesterSummary
{
    public static async Task<string> TextAsync(BotDbContext db, SchoolPeriod term, Guid groupId, CancellationToken ct)
    {
        var sessions = await SessionsAsync(db, term, groupId, ct);
        var pending = await db.BadgeRequests.CountAsync(r => r.GroupId == groupId && r.Status == BadgeRequestStatus.Pending, ct);
        var askers = (await db.BadgeRequests.AsNoTracking().Where(r => r.GroupId == groupId).Select(r => new { r.PersonId, r.CreatedAt }).ToListAsync(ct))
            .Where(r => term.Contains(ParisTime.Today(r.CreatedAt))).Select(r => r.PersonId).ToHashSet();
        var names = await NamesAsync(db, sessions.Select(s => s.PersonId), ct);
        var ready = sessions.GroupBy(s => s.PersonId).Where(g => g.Count() >= 2 && !askers.Contains(g.Key))
            .Select(g => (names[g.Key], g.Count())).OrderByDescending(r => r.Item2).ToList();
        return T.Overview(term, sessions.Select(s => s.PersonId).Distinct().Count(), sessions.Count,
            Enum.GetValues<ContributionDomain>().Select(d => (d, sessions.Count(s => s.Domain == d))), pending, ready);
    }

    /// <summary>The sessions logged in a group during a trimester.</summary>
    public static Task<List<Contribution>> SessionsAsync(BotDbContext db, SchoolPeriod term, Guid groupId, CancellationToken ct) =>
        db.Contributions.AsNoTracking().Where(c => c.GroupId == groupId && c.SessionDate >= term.First && c.SessionDate <= term.Last).ToListAsync(ct);

    /// <summary>How the counsellor knows each pupil: the name their channel gives, else their channel id.</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(BotDbContext db, IEnumerable<Guid> personIds, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, First = p.Identities.Select(i => i.ExternalId).FirstOrDefault() }).ToListAsync(ct);
        return ids.ToDictionary(id => id, id => people.FirstOrDefault(p => p.Id == id) is { } p ? p.DisplayName ?? p.First ?? "?" : "?");
    }
}
