using System.Text.Json.Serialization;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Dialogs.Review;
using Bot.Dialogs.Store;

namespace Bot.Dialogs.Charts;

/// <summary>
/// A chart as its numbers. A dialog answers with it and never draws: the picture is drawn where the answer leaves, after
/// the turn's commit (<see cref="ChartDrawer"/>: by the turn runner for the channels that answer from the replies, by the
/// web chat when its transcript is read). Inside a turn's transaction, on SQLite, every other pupil's turn would wait for it.
/// </summary>
public abstract record ChartReply : Reply
{
    /// <summary>What the chart shows, in words: the image's alt text, and the whole answer where no image can go.</summary>
    [JsonIgnore] public abstract string AltText { get; }

    /// <summary>The file's name where a channel sends the image as a file (Discord).</summary>
    [JsonIgnore] public abstract string FileName { get; }

    public abstract Chart Draw();
}

/// <summary>/suivi's chart.</summary>
public sealed record GroupChartReply(GroupChartData Data, DayOfWeek SessionDay) : ChartReply
{
    public override string AltText => ChartTexts.GroupAlt(Data, SessionDay);
    public override string FileName => "suivi-du-trimestre.png";
    public override Chart Draw() => TrimesterChart.Render(Data, SessionDay);
}

/// <summary>A pupil's chart: the counsellor's (/eleve) or, <paramref name="Own"/>, the pupil's own, smaller (/mon-trimestre).</summary>
public sealed record PupilChartReply(PupilChartData Data, bool Own) : ChartReply
{
    public override string AltText => ChartTexts.PupilAlt(Data, Own);
    public override string FileName => Own ? "mon-trimestre.png" : "seances-eleve.png";
    public override Chart Draw() => PupilChart.Render(Data, small: Own);
}

/// <summary>The charts of a trimester as replies, from the store's sessions.</summary>
internal static class TrimesterCharts
{
    /// <summary>/suivi's chart; null before anyone logged a session this trimester (the text says so).</summary>
    public static async Task<ChartReply?> GroupAsync(BotDbContext db, SchoolCalendar calendar, Group group, SchoolPeriod term, CancellationToken ct)
    {
        var sessions = await TrimesterSummary.SessionsAsync(db, term, group.Id, ct);
        if (sessions.Count == 0) return null;
        return new GroupChartReply(ChartData.Group(term, calendar.Holidays, group.SessionDay, sessions), group.SessionDay);
    }

    /// <summary>A pupil's chart: the counsellor's (<paramref name="own"/> false) or the pupil's own, smaller.</summary>
    public static ChartReply Pupil(string name, SchoolPeriod term, SchoolCalendar calendar, DayOfWeek sessionDay, IEnumerable<Contribution> sessions,
        bool own) =>
        new PupilChartReply(ChartData.Pupil(name, term, calendar.Holidays, sessionDay, sessions), own);
}
