using Bot.Dialogs.Calendar;

namespace Bot.Dialogs.Understanding;

/// <summary>What a pupil's answer to "which session?" turned out to be.</summary>
public abstract record DateAnswer
{
    public sealed record Found(DateOnly Date) : DateAnswer;
    public sealed record InFuture(DateOnly Date) : DateAnswer;
    public sealed record TooOld(DateOnly Date) : DateAnswer;
    /// <summary>A period rather than a day ("la semaine dernière", "en octobre").</summary>
    public sealed record Vague : DateAnswer;
    public sealed record NotADate : DateAnswer;
}

/// <summary>When a pupil's group meets, and its zone's holidays.</summary>
public sealed record SessionSchedule(DayOfWeek SessionDay, SchoolCalendar Calendar);

/// <summary>
/// Reads the date of a past session from free French: "hier", "vendredi dernier", "le 20 novembre",
/// "20/11", "il y a deux semaines", with typos, shortcuts and missing accents. Sessions are in the
/// past, so ambiguous readings resolve backwards: "vendredi" is the most recent Friday, today
/// included. Our own reader (it replaced Microsoft.Recognizers.Text, whose French model cost 135 MB
/// of memory and 1.8 s at start for the few forms pupils use: docs/PERFORMANCE.md). It looks for the
/// first date in the text, word by word, without regular expressions.
/// </summary>
public sealed class SessionDateReader
{
    /// <summary>Older than this, a session is almost surely a typo: a trimester is about three months.</summary>
    public const int MaxAgeDays = 180;

    private static readonly Dictionary<string, string> Shortcuts = new()
    {
        ["auj"] = "aujourdhui", ["ajd"] = "aujourdhui", ["aujd"] = "aujourdhui", ["ojd"] = "aujourdhui", ["aujourdhui"] = "aujourdhui",
        ["hiere"] = "hier", ["yer"] = "hier", ["ya"] = "ilya",
        ["janv"] = "janvier", ["fev"] = "fevrier", ["fevr"] = "fevrier", ["avr"] = "avril", ["juil"] = "juillet",
        ["oct"] = "octobre", ["nov"] = "novembre", ["dec"] = "decembre",
    };

    private static readonly string[] Weekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]; // DayOfWeek order
    private static readonly string[] Months = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"];
    private static readonly HashSet<string> Last = ["dernier", "derniere", "passe", "passee", "precedent", "precedente"];
    private static readonly HashSet<string> Next = ["prochain", "prochaine", "suivant", "suivante"];

    // Words a typo may be corrected to (five letters or more: "mais" must not become "mars").
    private static readonly string[] Vocabulary =
        [.. Weekdays, .. Months, .. Last, .. Next, "semaine", "semaines", "jours", "demain", "weekend", "aujourdhui", "avanthier", "apresdemain"];
    private static readonly HashSet<string> VocabularySet = [.. Vocabulary, "hier", "jour", "mois", "an", "ans", "annee", "annees", "ilya"];

    public DateAnswer Read(string? text, DateOnly today, SessionSchedule? schedule = null)
    {
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
            if (ReadAt(words, i, today) is { } answer) return answer;
        return new DateAnswer.NotADate();
    }

    /// <summary>The most recent <paramref name="day"/>, today included.</summary>
    public static DateOnly MostRecent(DayOfWeek day, DateOnly today) =>
        today.AddDays(-(((int)today.DayOfWeek - (int)day + 7) % 7));

    private static DateAnswer? ReadAt(List<string> words, int i, DateOnly today)
    {
        var word = words[i];
        string? At(int k) => k >= 0 && k < words.Count ? words[k] : null;
        switch (word)
        {
            case "aujourdhui": return Classify(today, today);
            case "hier": return Classify(today.AddDays(-1), today);
            case "avanthier": return Classify(today.AddDays(-2), today);
            case "demain": return Classify(today.AddDays(1), today);
            case "apresdemain": return Classify(today.AddDays(2), today);
            case "weekend": return new DateAnswer.Vague();
            case "semaine" or "mois" when Last.Contains(At(i + 1) ?? "") || At(i - 1) is "cette" or "ce": return new DateAnswer.Vague();
            case "ilya": return Ago(words, i + 1, today);
        }
        if (Array.IndexOf(Weekdays, word) is var weekday and >= 0)
        {
            if (FrenchNumbers.Read(words, i + 1) is { Value: >= 1 and <= 31 } day) return DayOfMonth(words, i + 1 + day.Words, day.Value, today);
            var recent = MostRecent((DayOfWeek)weekday, today);
            if (Last.Contains(At(i + 1) ?? "")) return Classify(recent == today ? today.AddDays(-7) : recent, today);
            if (Next.Contains(At(i + 1) ?? "")) return Classify(recent.AddDays(7), today);
            return Classify(recent, today);
        }
        if (Array.IndexOf(Months, word) >= 0 && (At(i - 1) is "en" or "au" or "fin" or "debut" || words.Count == 1)) return new DateAnswer.Vague();
        if (Numeric(word) is { } numeric) return numeric.Year is null ? Candidates(numeric.Day, numeric.Month, today) : Exact(numeric.Year.Value, numeric.Month, numeric.Day, today);
        if (FrenchNumbers.Read(words, i) is { Value: >= 1 and <= 31 } number)
        {
            var after = i + number.Words;
            // "le 20 novembre", "20 nov 2026"; "le 20" alone; a bare number elsewhere is no date ("j'ai fait 3 vidéos").
            if (Array.IndexOf(Months, At(after) ?? "") >= 0 || At(i - 1) is "le" or "du") return DayOfMonth(words, after, number.Value, today);
        }
        return null;
    }

    /// <summary>A day number read, then maybe a month, then maybe a year.</summary>
    private static DateAnswer DayOfMonth(List<string> words, int next, int day, DateOnly today)
    {
        var month = next < words.Count ? Array.IndexOf(Months, words[next]) + 1 : 0;
        if (month == 0) return Candidates(day, null, today);
        if (next + 1 < words.Count && words[next + 1].Length == 4 && int.TryParse(words[next + 1], out var year)) return Exact(year, month, day, today);
        return Candidates(day, month, today);
    }

    /// <summary>"il y a 3 jours", "il y a deux semaines", "il y a un mois"; "il y a quelques jours" is vague.</summary>
    private static DateAnswer? Ago(List<string> words, int at, DateOnly today)
    {
        if (at < words.Count && words[at] is "quelques" or "plusieurs") return new DateAnswer.Vague();
        // Beyond a hundred, it is no session of this programme (and far years are not dates at all).
        if (FrenchNumbers.Read(words, at) is not { Value: <= 100 } n || at + n.Words >= words.Count) return null;
        return words[at + n.Words] switch
        {
            "jour" or "jours" => Classify(today.AddDays(-n.Value), today),
            "semaine" or "semaines" => Classify(today.AddDays(-7 * n.Value), today),
            "mois" => Classify(today.AddMonths(-n.Value), today),
            "an" or "ans" or "annee" or "annees" => Classify(today.AddYears(-n.Value), today),
            _ => null,
        };
    }

    private static DateAnswer Classify(DateOnly date, DateOnly today) =>
        date > today ? new DateAnswer.InFuture(date)
        : today.DayNumber - date.DayNumber > MaxAgeDays ? new DateAnswer.TooOld(date)
        : new DateAnswer.Found(date);

    private static DateAnswer Exact(int year, int month, int day, DateOnly today)
    {
        if (year < 100) year += 2000;
        return month is >= 1 and <= 12 && year is >= 2000 and <= 2100 && day <= DateTime.DaysInMonth(year, month)
            ? Classify(new DateOnly(year, month, day), today) : new DateAnswer.NotADate();
    }

    /// <summary>
    /// A day without its year (or without its month): the most recent such date that is not too
    /// old, else the coming one (refused as future), else the last one (refused as too old).
    /// </summary>
    private static DateAnswer Candidates(int day, int? month, DateOnly today)
    {
        var dates = new List<DateOnly>();
        if (month is { } m)
        {
            for (var year = today.Year - 1; year <= today.Year + 1; year++)
                if (m is >= 1 and <= 12 && day <= DateTime.DaysInMonth(year, m)) dates.Add(new DateOnly(year, m, day));
        }
        else
        {
            for (var back = -1; back <= 6; back++)
            {
                var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-back);
                if (day <= DateTime.DaysInMonth(first.Year, first.Month)) dates.Add(new DateOnly(first.Year, first.Month, day));
            }
        }
        if (dates.Count == 0) return new DateAnswer.NotADate();
        var past = dates.Where(d => d <= today).DefaultIfEmpty().Max();
        if (past != default && today.DayNumber - past.DayNumber <= MaxAgeDays) return new DateAnswer.Found(past);
        var future = dates.Where(d => d > today).DefaultIfEmpty().Min();
        if (future != default) return new DateAnswer.InFuture(future);
        return new DateAnswer.TooOld(past);
    }

    /// <summary>"20/11", "20.11.2026", "20-11-26", "2026-11-20": day, month and maybe year (French order, or ISO).</summary>
    private static (int Day, int Month, int? Year)? Numeric(string word)
    {
        if (word.Length < 3 || !char.IsAsciiDigit(word[0])) return null;
        var parts = word.Split('/', '.', '-');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length is 0 or > 4 || !p.All(char.IsAsciiDigit))) return null;
        var numbers = parts.Select(int.Parse).ToArray();
        if (parts[0].Length == 4) return parts.Length == 3 ? (numbers[2], numbers[1], numbers[0]) : null; // ISO
        if (parts[0].Length > 2 || parts[1].Length > 2 || numbers[0] is < 1 or > 31 || numbers[1] is < 1 or > 12) return null;
        if (parts.Length == 2) return (numbers[0], numbers[1], null);
        return parts[2].Length is 2 or 4 ? (numbers[0], numbers[1], numbers[2]) : null;
    }

    /// <summary>Folded words, with the shortcuts, joined phrases and typos of pupils put right.</summary>
    internal static List<string> Words(string? text)
    {
        var folded = TextNormalizer.CollapseStretched(TextNormalizer.Fold(text));
        if (folded.Length == 0) return [];
        folded = folded.Replace("aujourd'hui", "aujourdhui").Replace("aujourd hui", "aujourdhui")
            .Replace("avant-hier", "avanthier").Replace("avant hier", "avanthier")
            .Replace("apres-demain", "apresdemain").Replace("apres demain", "apresdemain")
            .Replace("week-end", "weekend").Replace("week end", "weekend")
            .Replace("il y a", "ilya").Replace("il ya", "ilya").Replace("y a", "ilya");
        var words = new List<string>();
        foreach (var raw in folded.Split([' ', '\'', ',', ';', ':', '!', '?', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('.', '-');
            if (word.Length == 0) continue;
            if (Shortcuts.TryGetValue(word, out var shortcut)) word = shortcut;
            else if (!VocabularySet.Contains(word) && word.Length >= 5 && word.All(char.IsLetter) && TextNormalizer.ClosestWord(word, Vocabulary) is { } close) word = close;
            words.Add(word);
        }
        return words;
    }
}
