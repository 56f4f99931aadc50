using Bot.Dialogs.Calendar;

namespace Bot.Dialogs.Understanding;

public sealed partial class SessionDateReader
{
    // What pupils call holidays → a word of their configured name ("Vacances de Noël", "Vacances d'hiver (zone B)").
    private static readonly Dictionary<string, string> HolidayWords = new()
    {
        ["noel"] = "noel", ["toussaint"] = "toussaint", ["hiver"] = "hiver", ["fevrier"] = "hiver", ["printemps"] = "printemps",
        ["paques"] = "printemps", ["ete"] = "ete", ["ascension"] = "ascension", ["pont"] = "pont",
    };
    private static readonly HashSet<string> Articles = ["les", "la", "le", "l", "des", "de", "d", "du"];

    /// <summary>Sessions named by the school calendar or by their rank: "la dernière séance avant les vacances", "le 2e vendredi d'octobre".</summary>
    private readonly partial struct Sentence
    {
        /// <summary>"avant les vacances", "après la Toussaint", "d'avant les vacances de Noël", "de la rentrée", from <paramref name="at"/>.</summary>
        private DateAnswer? AroundAt(int at, DayOfWeek day)
        {
            var k = at;
            if (At(k) is "d" or "de" or "du") k++;
            if (At(k) is "avant" or "apres" && IsHolidays(k + 1, out var name)) return Around(At(k) == "apres", day, name);
            if (At(k) == "la" && At(k + 1) is "rentree" or "rentre") return Around(after: true, day, NameAt(k + 2));
            return null;
        }

        /// <summary>Whether the words from <paramref name="k"/> name holidays ("les vacances de Noël", "la Toussaint"); which ones, or null for any.</summary>
        private bool IsHolidays(int k, out string? name)
        {
            for (var n = 0; n < 2 && Articles.Contains(At(k) ?? ""); n++) k++;
            var holidays = At(k) == "vacances";
            name = holidays ? NameAt(k + 1) : HolidayWords.GetValueOrDefault(At(k) ?? "");
            return holidays || name is not null;
        }

        private string? NameAt(int k)
        {
            for (var n = 0; n < 2 && Articles.Contains(At(k) ?? ""); n++) k++;
            return HolidayWords.GetValueOrDefault(At(k) ?? "");
        }

        /// <summary>
        /// The last <paramref name="day"/> before holidays, or the first after them, out of holidays. Which holidays: those
        /// named, else any; among them the latest whose last session has passed (within six months), else the next to come.
        /// </summary>
        private DateAnswer Around(bool after, DayOfWeek day, string? name)
        {
            if (schedule is null) return new DateAnswer.Vague();
            (SchoolPeriod Holidays, DateOnly Before)? past = null, coming = null;
            foreach (var holidays in schedule.Calendar.Holidays)
            {
                if (name is not null && !IsNamed(holidays, name)) continue;
                var before = Session(holidays.First.AddDays(-1), day, -1);
                if (before <= today && (past is null || before > past.Value.Before)) past = (holidays, before);
                else if (before > today && (coming is null || before < coming.Value.Before)) coming = (holidays, before);
            }
            var chosen = past is { } p && (today.DayNumber - p.Before.DayNumber <= MaxAgeDays || coming is null) ? past : coming;
            if (chosen is not { } c) return new DateAnswer.Vague();
            return Classify(after ? Session(c.Holidays.Last.AddDays(1), day, 1) : c.Before);
        }

        private static bool IsNamed(SchoolPeriod holidays, string name) =>
            TextNormalizer.Fold(holidays.Name).Split([' ', '\'', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries).Contains(name);

        /// <summary>The first <paramref name="day"/> from <paramref name="from"/>, week by week (<paramref name="step"/>: 1 or -1), out of holidays.</summary>
        private DateOnly Session(DateOnly from, DayOfWeek day, int step)
        {
            var date = step < 0 ? MostRecent(day, from) : from.AddDays(((int)day - (int)from.DayOfWeek + 7) % 7);
            for (var n = 0; n < 53 && schedule?.Calendar.IsHoliday(date) == true; n++) date = date.AddDays(7 * step);
            return date;
        }

        /// <summary>"la séance d'avant (les vacances)", "la séance après les vacances".</summary>
        private DateAnswer? SessionPhrase(int i)
        {
            if (AroundAt(i + 1, SessionDay) is { } around) return around;
            if (At(i + 1) != "avant" && !(At(i + 1) == "d" && At(i + 2) == "avant")) return null;
            return Classify(Session(Session(today, SessionDay, -1).AddDays(-7), SessionDay, -1));
        }

        /// <summary>"le premier vendredi de novembre", "le 2e vendredi du mois", "la dernière séance (avant les vacances)", from the day's word.</summary>
        private DateAnswer OrdinalPhrase(int k, int ordinal)
        {
            var named = WeekdayOf(At(k));
            var day = named >= 0 ? (DayOfWeek)named : SessionDay;
            if (AroundAt(k + 1, day) is { } around) return around;
            if (MonthAt(k + 1) is { } month) return InMonth(ordinal, day, month, sessions: named < 0);
            if (ordinal > 0) return new DateAnswer.Vague(); // the first Friday of what?
            if (named < 0)
            {
                // "la dernière séance": the latest, today's included.
                var last = Session(today, day, -1);
                return Classify(ordinal == -1 ? last : Session(last.AddDays(-7), day, -1));
            }
            // "le dernier vendredi" is "vendredi dernier".
            var recent = MostRecent(day, today);
            var lastDay = recent == today ? today.AddDays(-7) : recent;
            return Classify(ordinal == -1 ? lastDay : lastDay.AddDays(-7));
        }

        /// <summary>"de novembre", "d'octobre", "du mois", "du mois dernier", "de ce mois": the month, and its year when the words fix it.</summary>
        private (int Month, int? Year)? MonthAt(int k)
        {
            if (At(k) is "de" or "d" or "du" or "en") k++;
            if (At(k) is "ce" or "cette") k++;
            if (MonthOf(At(k)) is var month and > 0) return (month, null);
            if (At(k) != "mois") return null;
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(Last.Contains(At(k + 1) ?? "") ? -1 : 0);
            return (first.Month, first.Year);
        }

        private DateAnswer InMonth(int ordinal, DayOfWeek day, (int Month, int? Year) month, bool sessions)
        {
            if (month.Year is { } fixedYear)
                return NthInMonth(ordinal, day, fixedYear, month.Month, sessions) is { } date ? Classify(date) : new DateAnswer.NotADate();
            var dates = new List<DateOnly>(3);
            for (var year = today.Year - 1; year <= today.Year + 1; year++)
                if (NthInMonth(ordinal, day, year, month.Month, sessions) is { } date) dates.Add(date);
            return Pick(dates, today);
        }

        /// <summary>The nth <paramref name="day"/> of a month (-1 the last, -2 the one before); sessions in holidays do not count.</summary>
        private DateOnly? NthInMonth(int ordinal, DayOfWeek day, int year, int month, bool sessions)
        {
            var step = ordinal > 0 ? 1 : -1;
            var edge = step > 0 ? new DateOnly(year, month, 1) : new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            var date = step > 0 ? edge.AddDays(((int)day - (int)edge.DayOfWeek + 7) % 7) : MostRecent(day, edge);
            for (var count = 0; date.Month == month; date = date.AddDays(7 * step))
                if (!(sessions && schedule?.Calendar.IsHoliday(date) == true) && ++count == Math.Abs(ordinal)) return date;
            return null;
        }
    }
}
