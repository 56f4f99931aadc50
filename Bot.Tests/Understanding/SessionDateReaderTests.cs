using Bot.Dialogs.Calendar;
using Bot.Dialogs.Understanding;
using Bot.Tests.Support;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Understanding;

public class SessionDateReaderTests
{
    private readonly SessionDateReader _reader = new();

    private DateOnly? Found(string text, DateOnly today) =>
        _reader.Read(text, today) is DateAnswer.Found(var date) ? date : null;

    [Theory]
    [InlineData("vendredi", "2026-11-27")] // today is Friday: today
    [InlineData("Vendredi", "2026-11-27")]
    [InlineData("aujourd'hui", "2026-11-27")]
    [InlineData("ajd", "2026-11-27")]
    [InlineData("hier", "2026-11-26")]
    [InlineData("vendredi dernier", "2026-11-20")]
    [InlineData("le 20 novembre", "2026-11-20")]
    [InlineData("20/11", "2026-11-20")]
    [InlineData("il y a deux semaines", "2026-11-13")]
    public void OnAFriday(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Found(text, Clocks.Friday));

    [Theory]
    [InlineData("vendredi", "2026-11-27")]
    [InlineData("vendredi passé", "2026-11-27")]
    [InlineData("hier", "2026-11-28")]
    [InlineData("avant-hier", "2026-11-27")]
    [InlineData("avant hier", "2026-11-27")]
    [InlineData("le 20 novembre", "2026-11-20")]
    [InlineData("20 nov", "2026-11-20")]
    [InlineData("20/11", "2026-11-20")]
    [InlineData("20.11", "2026-11-20")]
    [InlineData("20/11/2026", "2026-11-20")]
    [InlineData("2026-11-20", "2026-11-20")]
    [InlineData("le vendredi 20", "2026-11-20")]
    [InlineData("il y a deux semaines", "2026-11-15")]
    [InlineData("il y a 2 semaines", "2026-11-15")]
    [InlineData("hier à 17h", "2026-11-28")]
    [InlineData("vendredie", "2026-11-27")] // typo
    [InlineData("vendrdi", "2026-11-27")] // typo
    [InlineData("le 20 novembr", "2026-11-20")] // typo
    [InlineData("HIER", "2026-11-28")]
    [InlineData("auj", "2026-11-29")]
    [InlineData("c'était vendredi dernier", "2026-11-27")]
    [InlineData("vendredi 27 novembre 2026", "2026-11-27")] // Discord's pre-filled modal
    [InlineData("le 1er novembre", "2026-11-01")]
    [InlineData("le vingt novembre", "2026-11-20")]
    [InlineData("il y a 3 jours", "2026-11-26")]
    [InlineData("ya une semaine", "2026-11-22")]
    [InlineData("20-11-26", "2026-11-20")]
    public void OnASunday(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Found(text, Clocks.Sunday));

    [Theory]
    [InlineData("vendredi", "2026-11-27")]
    [InlineData("hier", "2026-11-29")]
    [InlineData("avant-hier", "2026-11-28")]
    [InlineData("lundi", "2026-11-30")]
    [InlineData("mardi", "2026-11-24")]
    public void OnAMonday(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Found(text, Clocks.Monday));

    [Theory]
    [InlineData("le 3 fevrier")] // no accent
    [InlineData("3 février")]
    [InlineData("03/02")]
    public void APastDayOfTheYear_IsReadBackwards(string text) =>
        Assert.Equal(new DateOnly(2027, 2, 3), Found(text, new DateOnly(2027, 3, 10)));

    [Fact]
    public void Tomorrow_IsInTheFuture() =>
        Assert.Equal(new DateAnswer.InFuture(new DateOnly(2026, 11, 30)), _reader.Read("demain", Clocks.Sunday));

    [Fact]
    public void ADayWhosePastReadingIsTooOld_IsReadAsTheFutureOne() =>
        // On 29 November, "le 4 décembre" of last year is almost a year ago: the pupil meant next week.
        Assert.Equal(new DateAnswer.InFuture(new DateOnly(2026, 12, 4)), _reader.Read("le 4 décembre", Clocks.Sunday));

    [Fact]
    public void NextFriday_IsInTheFuture() =>
        Assert.Equal(new DateAnswer.InFuture(new DateOnly(2026, 12, 4)), _reader.Read("vendredi prochain", Clocks.Sunday));

    [Fact]
    public void AFullDateMoreThanSixMonthsAgo_IsTooOld() =>
        Assert.Equal(new DateAnswer.TooOld(new DateOnly(2025, 11, 20)), _reader.Read("20/11/2025", Clocks.Sunday));

    [Theory]
    [InlineData("la semaine dernière")]
    [InlineData("il y a quelques jours")]
    [InlineData("ce week-end")]
    [InlineData("en octobre")]
    public void APeriod_IsVague(string text) => Assert.IsType<DateAnswer.Vague>(_reader.Read(text, Clocks.Sunday));

    [Theory]
    [InlineData("banane")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("je sais pas")]
    [InlineData("le")]
    [InlineData("le 30 février")]
    [InlineData("il y a 9999 ans")]
    [InlineData("j'ai fait 3 vidéos")]
    [InlineData("2026-11-00")] // an ISO date on day 0 once threw from new DateOnly
    [InlineData("2026-11-0")]
    public void Nonsense_IsNotADate(string text) => Assert.IsType<DateAnswer.NotADate>(_reader.Read(text, Clocks.Sunday));

    [Theory]
    [InlineData("la dernière séance avant les vacances")]
    [InlineData("après les vacances de noël")]
    [InlineData("la rentrée")]
    [InlineData("juste avant noël")]
    public void TheSchoolCalendar_WithoutTheGroupsHolidays_IsVague(string text)
    {
        Assert.IsType<DateAnswer.Vague>(_reader.Read(text, Clocks.Monday));
        var noHolidays = new SessionSchedule(DayOfWeek.Friday, new SchoolCalendar(Options.Create(new SchoolCalendarOptions())));
        Assert.IsType<DateAnswer.Vague>(_reader.Read(text, Clocks.Monday, noHolidays));
    }

    [Fact]
    public void TheLastSession_WithoutASchedule_IsTheLastFriday() =>
        Assert.Equal(new DateAnswer.Found(new DateOnly(2027, 1, 1)), _reader.Read("la dernière séance", new DateOnly(2027, 1, 1)));

    [Theory]
    [InlineData("la dernière séance avant les vacances", "2026-11-30", "2026-10-14")]
    [InlineData("la première séance après les vacances", "2026-11-30", "2026-11-04")]
    [InlineData("la dernière séance", "2026-11-27", "2026-11-25")]
    [InlineData("l'avant-dernière séance", "2026-11-27", "2026-11-18")]
    [InlineData("le vendredi avant les vacances", "2026-11-30", "2026-10-16")] // the day named wins
    public void AGroupMeetingOnWednesdays_HasItsSessionsOnWednesdays(string text, string today, string expected) =>
        Assert.Equal(new DateAnswer.Found(DateOnly.Parse(expected)),
            _reader.Read(text, DateOnly.Parse(today), new SessionSchedule(DayOfWeek.Wednesday, SessionDateTableTests.ZoneB())));

    [Theory]
    [InlineData("la première séance après les vacances de printemps", "2027-05-20", "2027-05-14")] // 7 May is in the bridge
    [InlineData("la première séance après les vacances", "2027-05-20", "2027-05-14")]
    [InlineData("la dernière séance avant le pont de l'ascension", "2027-05-20", "2027-04-16")] // 30 and 23 April are in the spring holidays
    [InlineData("la dernière séance", "2027-05-08", "2027-04-16")]
    public void ASessionDayInHolidays_IsSkipped(string text, string today, string expected)
    {
        var bridge = new SchoolPeriod { Name = "Pont de l'Ascension", First = new(2027, 5, 6), Last = new(2027, 5, 9) };
        var schedule = new SessionSchedule(DayOfWeek.Friday, SessionDateTableTests.ZoneB(bridge));
        Assert.Equal(new DateAnswer.Found(DateOnly.Parse(expected)), _reader.Read(text, DateOnly.Parse(today), schedule));
    }

    [Theory]
    [InlineData(DayOfWeek.Friday, "2026-11-27", "2026-11-27")]
    [InlineData(DayOfWeek.Friday, "2026-11-29", "2026-11-27")]
    [InlineData(DayOfWeek.Friday, "2026-11-26", "2026-11-20")]
    public void MostRecent_IncludesToday(DayOfWeek day, string today, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), SessionDateReader.MostRecent(day, DateOnly.Parse(today)));
}
