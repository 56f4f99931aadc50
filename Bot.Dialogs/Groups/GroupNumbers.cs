using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Dialogs.Groups;

/// <summary>One group's numbers for the town: counts only, never a name or a pupil's words.</summary>
public sealed record GroupNumbers(Group Group, string Zone, SchoolPeriod? Term, int Pupils, int Counsellors, int Sessions, int Active, int Pending)
{
    /// <summary>Every group's numbers for the trimester under way in its zone, by name.</summary>
    public static async Task<IReadOnlyList<GroupNumbers>> ForAllAsync(BotDbContext db, SchoolCalendar calendar, DateOnly today, CancellationToken ct)
    {
        var numbers = new List<GroupNumbers>();
        foreach (var group in await db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct))
        {
            var zoned = calendar.For(group.Zone);
            var term = zoned.Current(today);
            var pupils = await db.People.CountAsync(p => p.GroupId == group.Id && !p.IsCounsellor, ct);
            var counsellors = await db.GroupCounsellors.CountAsync(c => c.GroupId == group.Id, ct);
            var sessions = term is null ? db.Contributions.Where(c => false)
                : db.Contributions.Where(c => c.GroupId == group.Id && c.SessionDate >= term.First && c.SessionDate <= term.Last);
            var pending = await db.BadgeRequests.CountAsync(r => r.GroupId == group.Id && r.Status == BadgeRequestStatus.Pending, ct);
            numbers.Add(new GroupNumbers(group, group.Zone ?? zoned.Zone, term, pupils, counsellors, await sessions.CountAsync(ct),
                await sessions.Select(c => c.PersonId).Distinct().CountAsync(ct), pending));
        }
        return numbers;
    }
}
