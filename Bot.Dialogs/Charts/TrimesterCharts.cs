using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Dialogs.Review;
using Bot.Dialogs.Store;

namespace Bot.Dialogs.Charts;

/// <summary>
/// The charts as replies, drawn in the turn that asks for them (a counsellor's /suivi or /eleve, a pupil's own
/// /mon-trimestre) and kept nowhere: each is a few tens of milliseconds of one turn, never of another pupil's.
/// </summary>
internal static class TrimesterCharts
{
    /// <summary>/suivi's chart; null before anyone logged a session this trimester (the text says so).</summary>
    public static async Task<ImageReply?> GroupAsync(BotDbContext db, SchoolCalendar calendar, Group group, SchoolPeriod term, CancellationToken ct)
    {
        var sessions = await TrimesterSummary.SessionsAsync(db, term, group.Id, ct);
        if (sessions.Count == 0) return null;
        var chart = TrimesterChart.Render(ChartData.Group(term, calendar.Holidays, group.SessionDay, sessions), group.SessionDay);
        return new ImageReply(chart.Png, chart.AltText) { FileName = "suivi-du-trimestre.png" };
    }

    /// <summary>A pupil's chart: the counsellor's (<paramref name="own"/> false) or the pupil's own, smaller.</summary>
    public static ImageReply Pupil(string name, SchoolPeriod term, SchoolCalendar calendar, DayOfWeek sessionDay, IEnumerable<Contribution> sessions,
        bool own)
    {
        var chart = PupilChart.Render(ChartData.Pupil(name, term, calendar.Holidays, sessionDay, sessions), small: own);
        return new ImageReply(chart.Png, chart.AltText) { FileName = own ? "mon-trimestre.png" : "seances-eleve.png" };
    }
}
