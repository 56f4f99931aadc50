using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Charts;

/// <summary>The charts' French: their titles and the alt texts that say their numbers.</summary>
internal static class ChartTexts
{
    public static string Weekday(DayOfWeek day) => ParisTime.French.DateTimeFormat.GetDayName(day);

    /// <summary>"20/11", under a bar.</summary>
    public static string Tick(DateOnly day) => day.ToString("d/MM", ParisTime.French);

    /// <summary>"20 novembre", "1er décembre", in an alt text.</summary>
    public static string Day(DateOnly day) => $"{(day.Day == 1 ? "1er" : day.Day.ToString(ParisTime.French))} {day.ToString("MMMM", ParisTime.French)}";

    public static string WeeksTitle(DayOfWeek day) => $"Élèves qui ont noté leur séance, par {Weekday(day)}";
    public const string DomainsTitle = "Séances par domaine";
    public const string Holidays = "vacances";
    public const string Level = "niveau";

    public static string PupilTitle(string name, bool own) => own ? "Tes séances et ton niveau" : $"Séances de {name} et son niveau";

    public static string GroupAlt(GroupChartData data, DayOfWeek day)
    {
        var weekday = Weekday(day);
        var counted = data.Weeks.Where(w => w.Pupils > 0).Select(w => $"{Day(w.SessionDay)} {w.Pupils}").ToList();
        var empty = data.Weeks.Count(w => w.Pupils == 0 && w.Holiday is null);
        var holidays = data.Weeks.Where(w => w.Holiday is not null).Select(w => Day(w.SessionDay)).ToList();
        var weeks = counted.Count == 0 ? $"aucun élève pour l'instant" : string.Join(", ", counted);
        if (counted.Count > 0 && empty > 0) weeks += $" ; aucun les {empty} autres {weekday}s de classe";
        if (holidays.Count > 0) weeks += $" ; vacances {(holidays.Count == 1 ? $"le {weekday}" : $"les {weekday}s")} {List(holidays)}";
        var domains = string.Join(", ", data.Domains.Select(d => $"{ContributionTexts.Domains[d.Domain]} {d.Sessions}"));
        // Its first word is what the chat page (chat.js) reads to show a chart wide: keep it.
        return $"Graphique du {data.Term.Name}. Élèves qui ont noté une séance, par {weekday} : {weeks}. Séances par domaine : {domains}.";
    }

    public static string PupilAlt(PupilChartData data, bool own)
    {
        var sessions = data.Sessions.Count == 0 ? "aucune séance notée" : string.Join(" ; ", data.Sessions.Select(s =>
            $"{s.Date.ToString("dddd", ParisTime.French)} {Day(s.Date)}, {ContributionTexts.Domains[s.Domain]}, niveau {s.Level}"));
        return own
            ? $"Graphique de tes séances du {data.Term.Name}, avec ton niveau de 1 à 4 : {sessions}."
            : $"Graphique des séances de {data.Name} au {data.Term.Name}, avec son niveau de 1 à 4 : {sessions}.";
    }

    private static string List(List<string> items) => items.Count == 1 ? items[0] : $"{string.Join(", ", items[..^1])} et {items[^1]}";
}
