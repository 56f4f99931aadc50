using Bot.Dialogs.Charts;
using Bot.Dialogs.Contributions;
using Bot.Tests.Support;

namespace Bot.Tests.Charts;

/// <summary>
/// The numbers behind the charts, on the first trimester of 2026-2027 (Tuesday 1 September to Friday 18 December, the
/// Toussaint holidays from 17 October to 1 November): Léa came on 20 and 27 November, Tom on 27 November and on a
/// Wednesday in October, Sam on 20 November; a session of January is another trimester's.
/// </summary>
public class ChartDataTests
{
    private static readonly Guid Lea = Guid.NewGuid(), Tom = Guid.NewGuid(), Sam = Guid.NewGuid();

    internal static readonly Contribution[] Sessions =
    [
        Session(Lea, new(2026, 11, 20), ContributionDomain.CivicEngagement, 3),
        Session(Lea, new(2026, 11, 27), ContributionDomain.DigitalSkills, 2),
        Session(Tom, new(2026, 11, 27), ContributionDomain.DigitalSkills, 1),
        Session(Tom, new(2026, 10, 7), ContributionDomain.SoftSkills, 2),
        Session(Sam, new(2026, 11, 20), ContributionDomain.Other, 4),
        Session(Lea, new(2027, 1, 8), ContributionDomain.Other, 4),
    ];

    private static Contribution Session(Guid person, DateOnly date, ContributionDomain domain, int level) =>
        new() { PersonId = person, SessionDate = date, Domain = domain, Level = level, Shared = "x", Learned = "y" };

    internal static GroupChartData GroupData() => ChartData.Group(TestCalendar.Trimesters[0], TestCalendar.Holidays, DayOfWeek.Friday, Sessions);

    [Fact]
    public void TheTrimester_IsSixteenWeeks_NamedByTheirFriday()
    {
        var weeks = GroupData().Weeks;
        Assert.Equal(16, weeks.Count);
        Assert.Equal(new DateOnly(2026, 9, 4), weeks[0].SessionDay);
        Assert.Equal(new DateOnly(2026, 12, 18), weeks[^1].SessionDay);
        Assert.All(weeks, w => Assert.Equal(DayOfWeek.Friday, w.SessionDay.DayOfWeek));
    }

    [Fact]
    public void TheHolidays_AreTheWeeksWhoseFridayIsInThem()
    {
        var weeks = GroupData().Weeks;
        Assert.Equal([7, 8], weeks.Select((w, i) => (w, i)).Where(x => x.w.Holiday is not null).Select(x => x.i));
        Assert.Equal("Vacances de la Toussaint", weeks[7].Holiday);
    }

    [Fact]
    public void EachWeek_CountsItsPupilsOnce_AndASessionOnAnotherDay_InItsWeek()
    {
        var weeks = GroupData().Weeks;
        Assert.Equal((2, 2), (weeks[11].Pupils, weeks[11].Sessions)); // 20 November: Léa and Sam
        Assert.Equal((2, 2), (weeks[12].Pupils, weeks[12].Sessions)); // 27 November: Léa and Tom
        Assert.Equal((1, 1), (weeks[5].Pupils, weeks[5].Sessions)); // Wednesday 7 October, in the week of Friday 9
        // Every other week is empty, and January is not counted.
        Assert.Equal(5, weeks.Sum(w => w.Sessions));
        Assert.Equal(13, weeks.Count(w => w.Sessions == 0));
    }

    [Fact]
    public void Domains_CountTheTrimestersSessions_EveryDomainListed()
    {
        Assert.Equal(
        [
            new DomainSessions(ContributionDomain.DigitalSkills, 2), new DomainSessions(ContributionDomain.CivicEngagement, 1),
            new DomainSessions(ContributionDomain.SoftSkills, 1), new DomainSessions(ContributionDomain.Other, 1),
        ], GroupData().Domains);
    }

    [Fact]
    public void AnotherSessionDay_NamesTheWeeksByIt()
    {
        var weeks = ChartData.Group(TestCalendar.Trimesters[0], TestCalendar.Holidays, DayOfWeek.Wednesday, Sessions).Weeks;
        Assert.Equal(new DateOnly(2026, 9, 2), weeks[0].SessionDay);
        Assert.Equal(new DateOnly(2026, 10, 7), weeks[5].SessionDay);
        Assert.Equal(1, weeks[5].Pupils);
    }

    [Fact]
    public void APupil_HasTheirOwnSessionsInOrder_WithDomainAndLevel_AndWhereEachSits()
    {
        var pupil = ChartData.Pupil("Tom", TestCalendar.Trimesters[0], TestCalendar.Holidays, DayOfWeek.Friday, Sessions.Where(s => s.PersonId == Tom));
        Assert.Equal(
        [
            new PupilSession(new(2026, 10, 7), ContributionDomain.SoftSkills, 2),
            new PupilSession(new(2026, 11, 27), ContributionDomain.DigitalSkills, 1),
        ], pupil.Sessions);
        Assert.Equal(16, pupil.Weeks.Count);
        Assert.Equal(12.0, pupil.Position(new(2026, 11, 27)));
        Assert.Equal(5 - 2 / 7.0, pupil.Position(new(2026, 10, 7)), 6);
    }

    [Fact]
    public void APupilWithNothing_HasTheWeeksAndNoSession()
    {
        var pupil = ChartData.Pupil("Zoé", TestCalendar.Trimesters[0], TestCalendar.Holidays, DayOfWeek.Friday, []);
        Assert.Empty(pupil.Sessions);
        Assert.Equal(16, pupil.Weeks.Count);
        Assert.All(pupil.Weeks, w => Assert.Equal(0, w.Pupils));
    }
}
