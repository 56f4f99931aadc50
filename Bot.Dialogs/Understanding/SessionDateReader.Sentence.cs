namespace Bot.Dialogs.Understanding;

public sealed partial class SessionDateReader
{
    /// <summary>One answer being read: its words, the day it is read on, and the group's schedule if known.</summary>
    private readonly partial struct Sentence(List<string> words, DateOnly today, SessionSchedule? schedule)
    {
        public int Count => words.Count;

        private string? At(int k) => k >= 0 && k < words.Count ? words[k] : null;

        private DayOfWeek SessionDay => schedule?.SessionDay ?? DayOfWeek.Friday;

        private DateAnswer Classify(DateOnly date) => SessionDateReader.Classify(date, today);

        /// <summary>The date the words from <paramref name="i"/> name, or null when none starts there.</summary>
        public DateAnswer? ReadAt(int i)
        {
            var word = words[i];
            switch (word)
            {
                case "aujourdhui": return Classify(today);
                case "hier": return Classify(today.AddDays(-1));
                case "avanthier": return Classify(today.AddDays(-2));
                case "demain": return Classify(today.AddDays(1));
                case "apresdemain": return Classify(today.AddDays(2));
                case "weekend": return new DateAnswer.Vague();
                case "semaine" or "sem": return WeekPhrase(i);
                case "mois" when Last.Contains(At(i + 1) ?? "") || At(i - 1) is "cette" or "ce": return new DateAnswer.Vague();
                case "ilya": return Ago(i + 1);
                case "fait" when At(i - 1) is "ca" or "sa" or "cela": return Ago(i + 1);
                // "ce matin", "cet aprem", "cette nuit", "tout à l'heure": today.
                case "ce" or "cet" or "cette" when Moments.Contains(At(i + 1) ?? ""): return Classify(today);
                case "tout" or "toute" or "tt" when At(i + 1) == "a" && (At(i + 2) == "lheure" || (At(i + 2) == "l" && At(i + 3) == "heure")):
                    return Classify(today);
                case "avant" or "apres": return AroundAt(i, SessionDay);
                case "rentree" or "rentre" when At(i - 1) == "la": return Around(after: true, SessionDay, NameAt(i + 1));
                case "seance": return SessionPhrase(i);
                case "vacances" or "noel" or "toussaint" or "paques": return new DateAnswer.Vague();
            }
            if (Ordinals.TryGetValue(word, out var ordinal) && (WeekdayOf(At(i + 1)) >= 0 || At(i + 1) is "seance" or "fois"))
                return OrdinalPhrase(i + 1, ordinal);
            if (WeekdayOf(word) is var weekday and >= 0) return WeekdayPhrase(i, (DayOfWeek)weekday);
            if (MonthOf(word) > 0 && (At(i - 1) is "en" or "au" or "fin" or "debut" || words.Count == 1)) return new DateAnswer.Vague();
            if (Numeric(word) is { } numeric)
                return numeric.Year is null ? Candidates(numeric.Day, numeric.Month, today) : Exact(numeric.Year.Value, numeric.Month, numeric.Day, today);
            if (FrenchNumbers.Read(words, i) is not { } number) return null;
            var after = i + number.Words;
            if (number.Value is >= 1 and <= 31)
            {
                // "le 20 novembre", "20 nov 2026"; "novembre le 20"; "le 20" alone; a bare number elsewhere is no date ("j'ai fait 3 vidéos").
                if (MonthOf(At(after)) > 0) return DayOfMonth(after, number.Value);
                var monthBefore = At(i - 1) == "le" ? MonthOf(At(i - 2)) : MonthOf(At(i - 1));
                if (monthBefore > 0) return Candidates(number.Value, monthBefore, today);
                if (At(i - 1) is "le" or "du") return DayOfMonth(after, number.Value);
            }
            // "3 jours avant", "2 semaines en arrière", "deux semaines plus tôt".
            if (number.Value <= 100 && UnitOf(At(after)) is { } unit && Backwards(after + 1)) return Classify(Back(number.Value, unit));
            return null;
        }

        /// <summary>A day number read, then maybe a month, then maybe a year.</summary>
        private DateAnswer DayOfMonth(int next, int day)
        {
            var month = MonthOf(At(next));
            if (month == 0) return Candidates(day, null, today);
            if (At(next + 1) is { Length: 4 } y && int.TryParse(y, out var year)) return Exact(year, month, day, today);
            return Candidates(day, month, today);
        }

        private bool Backwards(int k) =>
            (At(k) == "avant" && !IsHolidays(k + 1, out _)) || (At(k) == "en" && At(k + 1) == "arriere") || (At(k) == "plus" && At(k + 1) == "tot");

        /// <summary>"il y a 3 jours", "ça fait genre deux semaines", "il y a un mois"; "il y a quelques jours" is vague.</summary>
        private DateAnswer? Ago(int at)
        {
            while (Fillers.Contains(At(at) ?? "")) at++;
            if (At(at) is "quelques" or "plusieurs" or "longtemps") return new DateAnswer.Vague();
            // Beyond a hundred, it is no session of this programme (and far years are not dates at all).
            if (FrenchNumbers.Read(words, at) is not { Value: <= 100 } n || UnitOf(At(at + n.Words)) is not { } unit) return null;
            return Classify(Back(n.Value, unit));
        }

        /// <summary>So many units before today; "huit jours" is a week and "quinze jours" two, as French counts them.</summary>
        private DateOnly Back(int n, char unit) => unit switch
        {
            'd' => today.AddDays(-(n is 8 or 15 ? n - 1 : n)),
            'w' => today.AddDays(-7 * n),
            'm' => today.AddMonths(-n),
            _ => today.AddYears(-n),
        };

        /// <summary>"vendredi", "vendredi dernier", "vendredi de la semaine dernière", "l'autre vendredi", "vendredi avant les vacances".</summary>
        private DateAnswer WeekdayPhrase(int i, DayOfWeek day)
        {
            if (FrenchNumbers.Read(words, i + 1) is { Value: >= 1 and <= 31 } date) return DayOfMonth(i + 1 + date.Words, date.Value);
            var recent = MostRecent(day, today);
            if (At(i - 1) == "autre") return Classify(recent.AddDays(-7));
            if (Moments.Contains(At(i + 1) ?? "")) i++; // "vendredi soir avant les vacances"
            if (AroundAt(i + 1, day) is { } around) return around;
            if (WeekOffset(i + 1) is { } week) return Classify(InWeek(day, week.Offset));
            if (At(i + 1) == "avant" || (At(i + 1) == "d" && At(i + 2) == "avant")) return Classify(recent.AddDays(-7));
            if (Last.Contains(At(i + 1) ?? "")) return Classify(recent == today ? today.AddDays(-7) : recent);
            if (Next.Contains(At(i + 1) ?? "")) return Classify(recent.AddDays(7));
            return Classify(recent);
        }

        /// <summary>"la semaine dernière (le) vendredi"; without a weekday after it, a week is a period.</summary>
        private DateAnswer? WeekPhrase(int i)
        {
            if (At(i + 1) == "du") return new DateAnswer.Vague(); // "la semaine du 16 novembre"
            var week = WeekOffset(i);
            if (week is not { } w || (w.Offset == 0 && At(i - 1) is not ("cette" or "ce"))) return null;
            var k = w.End;
            if (At(k) is "le" or "du") k++;
            return WeekdayOf(At(k)) is var day and >= 0 ? Classify(InWeek((DayOfWeek)day, w.Offset)) : new DateAnswer.Vague();
        }

        /// <summary>
        /// "de la semaine dernière" (-1), "de la semaine d'avant" (-2), "d'il y a 2 semaines" (-2), "de cette semaine" (0),
        /// "de la semaine prochaine" (1), from <paramref name="at"/>; and where it ends.
        /// </summary>
        private (int Offset, int End)? WeekOffset(int at)
        {
            var k = at;
            if (At(k) is "de" or "d" or "du") k++;
            if (At(k) == "ilya" && FrenchNumbers.Read(words, k + 1) is { Value: >= 1 and <= 26 } n && UnitOf(At(k + 1 + n.Words)) == 'w')
                return (-n.Value, k + 2 + n.Words);
            if (At(k) is "la" or "cette" or "ce" or "l") k++;
            if (At(k) is not ("semaine" or "sem")) return null;
            k++;
            if (Last.Contains(At(k) ?? "")) return (-1, k + 1);
            if (Next.Contains(At(k) ?? "")) return (1, k + 1);
            if (At(k) == "avant") return (-2, k + 1);
            if (At(k) == "d" && At(k + 1) == "avant") return (-2, k + 2);
            return (0, k);
        }

        /// <summary>The <paramref name="day"/> of the week <paramref name="offset"/> weeks from this one (Monday to Sunday).</summary>
        private DateOnly InWeek(DayOfWeek day, int offset) =>
            today.AddDays(-(((int)today.DayOfWeek + 6) % 7) + 7 * offset + ((int)day + 6) % 7);
    }
}
