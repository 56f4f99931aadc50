using Bot.Dialogs.Calendar;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Calendar;

public class SchoolCalendarTests
{
    private static readonly SchoolCalendar Calendar = new(Options.Create(new SchoolCalendarOptions
    {
        Trimesters = [.. TestCalendar.Trimesters], Holidays = [.. TestCalendar.Holidays],
    }));

    [Theory]
    [InlineData("2026-09-01", "1er trimestre 2026-2027")] // first day
    [InlineData("2026-11-27", "1er trimestre 2026-2027")]
    [InlineData("2026-12-18", "1er trimestre 2026-2027")] // last day
    [InlineData("2027-01-04", "2e trimestre 2026-2027")]
    [InlineData("2027-07-02", "3e trimestre 2026-2027")]
    public void ADay_BelongsToItsTrimester(string day, string trimester) =>
        Assert.Equal(trimester, Calendar.TrimesterOf(DateOnly.Parse(day))?.Name);

    [Theory]
    [InlineData("2026-08-31")]
    [InlineData("2026-12-25")] // Christmas holidays: between two trimesters
    [InlineData("2027-07-03")]
    public void ADayOutsideTheTrimesters_BelongsToNone(string day) => Assert.Null(Calendar.TrimesterOf(DateOnly.Parse(day)));

    [Fact]
    public void BetweenTwoTrimesters_TheCurrentOneIsTheOneThatJustEnded() =>
        Assert.Equal("1er trimestre 2026-2027", Calendar.Current(new DateOnly(2026, 12, 28))?.Name);

    [Fact]
    public void BeforeTheFirstTrimester_ThereIsNoCurrentOne() => Assert.Null(Calendar.Current(new DateOnly(2026, 8, 15)));

    [Theory]
    [InlineData("2026-10-23", true)] // a Friday in the Toussaint holidays
    [InlineData("2026-11-01", true)]
    [InlineData("2026-11-02", false)] // back to school
    [InlineData("2027-02-26", true)] // winter, zone B
    [InlineData("2027-02-19", false)]
    public void Holidays(string day, bool holiday) => Assert.Equal(holiday, Calendar.IsHoliday(DateOnly.Parse(day)));

    [Fact]
    public void TheShippedConfiguration_HasThe2026_2027Year()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        var options = new SchoolCalendarOptions();
        configuration.GetSection(SchoolCalendarOptions.Section).Bind(options);
        Assert.Equal(TestCalendar.Trimesters.Select(t => (t.Name, t.First, t.Last)), options.Trimesters.Select(t => (t.Name, t.First, t.Last)));
        Assert.Contains(options.Holidays, h => h.Name == "Vacances de Noël" && h.First == new DateOnly(2026, 12, 19));
    }
}
