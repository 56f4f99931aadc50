using System.Globalization;

namespace Bot.Dialogs.Engine;

/// <summary>The programme lives in Europe/Paris: "today" and every date a person reads are Paris dates, in French.</summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static DateOnly Today(DateTimeOffset utcNow) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utcNow, Zone).DateTime);

    /// <summary>"vendredi 27 novembre 2026", "mardi 1er décembre 2026".</summary>
    public static string LongDate(DateOnly date) =>
        $"{date.ToString("dddd", French)} {Day(date)} {date.ToString("MMMM yyyy", French)}";

    /// <summary>"Vendredi 27 novembre", for a button.</summary>
    public static string ShortDate(DateOnly date)
    {
        var weekday = date.ToString("dddd", French);
        return $"{char.ToUpper(weekday[0], French)}{weekday[1..]} {Day(date)} {date.ToString("MMMM", French)}";
    }

    /// <summary>"14 h 05", in Paris.</summary>
    public static string Time(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).ToString("H' h 'mm", French);

    private static string Day(DateOnly date) => date.Day == 1 ? "1er" : date.Day.ToString(French);
}
