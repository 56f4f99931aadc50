using Bot.Dialogs.Charts;
using Bot.Dialogs.Contributions;
using Bot.Tests.Support;
using StbImageSharp;
using static Bot.Tests.Support.Pixels;

namespace Bot.Tests.Charts;

/// <summary>The PNGs themselves, drawn from <see cref="ChartDataTests"/>' trimester.</summary>
public class ChartImageTests
{
    private static (byte R, byte G, byte B) Rgb(ImageResult image, float x, float y)
    {
        var i = ((int)y * image.Width + (int)x) * 4;
        return (image.Data[i], image.Data[i + 1], image.Data[i + 2]);
    }

    private static int Distance((byte R, byte G, byte B) a, (byte R, byte G, byte B) b) =>
        Math.Abs(a.R - b.R) + Math.Abs(a.G - b.G) + Math.Abs(a.B - b.B);

    private static int Colours(ImageResult image) =>
        Enumerable.Range(0, image.Width * image.Height).Select(p => (image.Data[p * 4], image.Data[p * 4 + 1], image.Data[p * 4 + 2])).Distinct().Count();

    [Fact]
    public void TheTrimesterChart_IsAPngOfItsSize_AndNotBlank()
    {
        var chart = TrimesterChart.Render(ChartDataTests.GroupData());
        var image = Decode(chart.Png);
        Assert.Equal((TrimesterChart.Width, TrimesterChart.Height), (image.Width, image.Height));
        Assert.InRange(Colours(image), 20, int.MaxValue);
        // Its title, in the band at the top, is drawn text.
        Assert.InRange(Dark(image, new(0, 0, image.Width, 40)), 300, int.MaxValue);
    }

    [Fact]
    public void AWeekWithSessions_HasABar_WhereAnEmptyWeekHasTheBackground_AndAHolidayWeekItsShade()
    {
        var (chart, layout) = TrimesterChart.Draw(ChartDataTests.GroupData());
        var image = Decode(chart.Png);
        // Halfway between the axis and the value 1: inside any bar of one pupil or more.
        var y = (layout.ZeroY + layout.OneY) / 2;
        var withSessions = Rgb(image, layout.WeekX[11], y);
        var empty = Rgb(image, layout.WeekX[3], y);
        var holiday = Rgb(image, layout.WeekX[7], y);
        Assert.Equal(Rgb(image, layout.WeekX[12], y), withSessions);
        Assert.InRange(Distance(withSessions, (0x00, 0x72, 0xB2)), 0, 12); // Okabe–Ito blue
        Assert.Equal((255, 255, 255), empty);
        Assert.InRange(Distance(holiday, empty), 20, 200);
        Assert.InRange(Distance(holiday, withSessions), 200, int.MaxValue);
        // The bar of 20 November (2 pupils) rises above the value 1; the bar of 9 October (1 pupil) does not.
        var aboveOne = layout.OneY - (layout.ZeroY - layout.OneY) / 2;
        Assert.Equal(withSessions, Rgb(image, layout.WeekX[11], aboveOne));
        Assert.Equal(empty, Rgb(image, layout.WeekX[5], aboveOne));
        Assert.Equal(withSessions, Rgb(image, layout.WeekX[5], y));
    }

    [Fact]
    public void TheTrimesterChartsAltText_SaysTheNumbers() =>
        Assert.Equal(
            "Graphique du 1er trimestre 2026-2027. Élèves qui ont noté une séance, par vendredi : 9 octobre 1, 20 novembre 2, " +
            "27 novembre 2 ; aucun les 11 autres vendredis de classe ; vacances les vendredis 23 octobre et 30 octobre. " +
            "Séances par domaine : Compétences numériques 2, Engagement citoyen 1, Savoir-être 1, Autre 1.",
            TrimesterChart.Render(ChartDataTests.GroupData()).AltText);

    private static PupilChartData Tom() => ChartData.Pupil("Tom", TestCalendar.Trimesters[0], TestCalendar.Holidays, DayOfWeek.Friday,
        ChartDataTests.Sessions.Where(s => s.PersonId == ChartDataTests.Sessions[2].PersonId));

    [Theory]
    [InlineData(false, PupilChart.Width, PupilChart.Height)]
    [InlineData(true, PupilChart.SmallWidth, PupilChart.SmallHeight)]
    public void ThePupilsChart_IsAPngOfItsSize_WithAMarkerOfTheDomainsColourAtEachSession(bool small, int width, int height)
    {
        var (chart, layout) = PupilChart.Draw(Tom(), small);
        var image = Decode(chart.Png);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.InRange(Dark(image, new(0, 0, image.Width, 30)), 200, int.MaxValue);
        // 27 November, Compétences numériques (blue), level 1; 7 October, Savoir-être (bluish green), level 2.
        var (x, y) = layout.At(new(2026, 11, 27), 1);
        Assert.InRange(Distance(Rgb(image, x, y), (0x00, 0x72, 0xB2)), 0, 12);
        (x, y) = layout.At(new(2026, 10, 7), 2);
        Assert.InRange(Distance(Rgb(image, x, y), (0x00, 0x9E, 0x73)), 0, 12);
        // Where no session is: the background.
        (x, y) = layout.At(new(2026, 9, 18), 3.5);
        Assert.Equal((255, 255, 255), Rgb(image, x, y));
    }

    [Fact]
    public void ThePupilsChartsAltText_SaysEachSessionsDateDomainAndLevel()
    {
        Assert.Equal(
            "Graphique des séances de Tom au 1er trimestre 2026-2027, avec son niveau de 1 à 4 : " +
            "mercredi 7 octobre, Savoir-être, niveau 2 ; vendredi 27 novembre, Compétences numériques, niveau 1.",
            PupilChart.Render(Tom(), small: false).AltText);
        Assert.Equal(
            "Graphique de tes séances du 1er trimestre 2026-2027, avec ton niveau de 1 à 4 : " +
            "mercredi 7 octobre, Savoir-être, niveau 2 ; vendredi 27 novembre, Compétences numériques, niveau 1.",
            PupilChart.Render(Tom(), small: true).AltText);
    }
}
