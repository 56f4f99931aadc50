using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;

namespace Bot.Dialogs.Charts;

/// <summary>One week of a trimester, named by its session day; <paramref name="Holiday"/> when that day is in the holidays.</summary>
public sealed record ChartWeek(DateOnly SessionDay, string? Holiday, int Pupils, int Sessions);

/// <summary>A domain and the trimester's sessions in it.</summary>
public sealed record DomainSessions(ContributionDomain Domain, int Sessions);

/// <summary>What /suivi draws: pupils who logged a session each week, and the trimester's sessions per domain.</summary>
public sealed record GroupChartData(SchoolPeriod Term, IReadOnlyList<ChartWeek> Weeks, IReadOnlyList<DomainSessions> Domains);

/// <summary>One session of a pupil: when, in which domain, the level they gave themselves (1 to 4).</summary>
public sealed record PupilSession(DateOnly Date, ContributionDomain Domain, int Level);

/// <summary>What /eleve and /mon-trimestre draw: a pupil's sessions over the trimester's weeks.</summary>
public sealed record PupilChartData(string Name, SchoolPeriod Term, IReadOnlyList<ChartWeek> Weeks, IReadOnlyList<PupilSession> Sessions)
{
    /// <summary>Where a session sits on the weeks' axis: its week's index, moved by the days between it and the session day.</summary>
    public double Position(DateOnly date) => ChartData.WeekIndex(Weeks, date) + (date.DayNumber - ChartData.WeekOf(Weeks, date).SessionDay.DayNumber) / 7.0;
}

/// <summary>Pure arithmetic from a trimester's sessions to what its charts show.</summary>
public static class ChartData
{
    public static GroupChartData Group(SchoolPeriod term, IReadOnlyList<SchoolPeriod> holidays, DayOfWeek sessionDay, IEnumerable<Contribution> sessions)
    {
        var inTerm = sessions.Where(s => term.Contains(s.SessionDate)).ToList();
        var weeks = Weeks(term, holidays, sessionDay, inTerm);
        return new(term, weeks, [.. Enum.GetValues<ContributionDomain>().Select(d => new DomainSessions(d, inTerm.Count(s => s.Domain == d)))]);
    }

    public static PupilChartData Pupil(string name, SchoolPeriod term, IReadOnlyList<SchoolPeriod> holidays, DayOfWeek sessionDay,
        IEnumerable<Contribution> sessions)
    {
        var inTerm = sessions.Where(s => term.Contains(s.SessionDate)).OrderBy(s => s.SessionDate).ThenBy(s => s.CreatedAt).ToList();
        return new(name, term, Weeks(term, holidays, sessionDay, inTerm), [.. inTerm.Select(s => new PupilSession(s.SessionDate, s.Domain, s.Level))]);
    }

    /// <summary>Every week from the one the trimester starts in to the one it ends in, Monday to Sunday.</summary>
    private static List<ChartWeek> Weeks(SchoolPeriod term, IReadOnlyList<SchoolPeriod> holidays, DayOfWeek sessionDay, List<Contribution> sessions)
    {
        var weeks = new List<ChartWeek>();
        var offset = ((int)sessionDay + 6) % 7;
        for (var monday = Monday(term.First); monday <= term.Last; monday = monday.AddDays(7))
        {
            var sunday = monday.AddDays(6);
            var day = monday.AddDays(offset);
            var own = sessions.Where(s => s.SessionDate >= monday && s.SessionDate <= sunday).ToList();
            weeks.Add(new(day, holidays.FirstOrDefault(h => h.Contains(day))?.Name, own.Select(s => s.PersonId).Distinct().Count(), own.Count));
        }
        return weeks;
    }

    internal static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    internal static int WeekIndex(IReadOnlyList<ChartWeek> weeks, DateOnly date) =>
        weeks.Count == 0 ? 0 : (Monday(date).DayNumber - Monday(weeks[0].SessionDay).DayNumber) / 7;

    internal static ChartWeek WeekOf(IReadOnlyList<ChartWeek> weeks, DateOnly date) => weeks[Math.Clamp(WeekIndex(weeks, date), 0, weeks.Count - 1)];
}
