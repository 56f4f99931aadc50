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
/// Reads the date of a past session from free French, with typos, texting shortcuts, missing accents, numbers in
/// words and filler words around it: "hier", "ce matin", "vendredi dernier", "le 20 novembre", "novembre le 20",
/// "20/11", "il y a deux semaines", "ça fait 3 jours", "vendredi de la semaine dernière", "le vendredi d'avant",
/// "le premier vendredi de novembre", and, with the group's <see cref="SessionSchedule"/>, "la dernière séance avant
/// les vacances (de Noël)", "la première séance après les vacances", "le vendredi de la rentrée".
/// Sessions are in the past, so ambiguous readings resolve backwards: "vendredi" is the most recent Friday, today
/// included; "les vacances" are the latest whose last session has passed. Conventions: "huit jours" is a week and
/// "quinze jours" two; "le vendredi d'avant" and "l'autre vendredi" are the Friday before the most recent one;
/// "la semaine d'avant" is the week before last; a session day that falls in holidays is skipped. Without a schedule,
/// "séance" means Friday and the holidays are unknown: phrases that need them are <see cref="DateAnswer.Vague"/>.
/// Our own reader (it replaced Microsoft.Recognizers.Text, whose French model cost 135 MB of memory and 1.8 s at
/// start: docs/PERFORMANCE.md). It looks for the first date in the text, word by word, without regular expressions.
/// </summary>
public sealed partial class SessionDateReader
{
    /// <summary>Older than this, a session is almost surely a typo: a trimester is about three months.</summary>
    public const int MaxAgeDays = 180;

    private static readonly Dictionary<string, string> Shortcuts = new()
    {
        ["auj"] = "aujourdhui", ["ajd"] = "aujourdhui", ["aujd"] = "aujourdhui", ["ojd"] = "aujourdhui", ["aujourdhui"] = "aujourdhui",
        ["hiere"] = "hier", ["yer"] = "hier", ["ier"] = "hier", ["hyer"] = "hier", ["ya"] = "ilya",
        ["janv"] = "janvier", ["fev"] = "fevrier", ["fevr"] = "fevrier", ["avr"] = "avril", ["juil"] = "juillet",
        ["oct"] = "octobre", ["nov"] = "novembre", ["dec"] = "decembre",
        ["vac"] = "vacances", ["vacs"] = "vacances", ["vacance"] = "vacances", ["vacanse"] = "vacances", ["davant"] = "avant",
        ["apre"] = "apres", ["aprs"] = "apres", ["sceances"] = "seance", ["seances"] = "seance",
    };

    private static readonly string[] Weekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]; // DayOfWeek order
    private static readonly string[] Months = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"];
    private static readonly HashSet<string> Last = ["dernier", "derniere", "passe", "passee", "precedent", "precedente"];
    private static readonly HashSet<string> Next = ["prochain", "prochaine", "suivant", "suivante"];
    private static readonly HashSet<string> Moments = ["matin", "matinee", "midi", "aprem", "soir", "soiree", "nuit"];
    private static readonly HashSet<string> Fillers = ["genre", "environ", "deja", "presque", "bien", "au", "moins", "tipe"];

    // "le premier vendredi de novembre", "la dernière séance": -1 is the last, -2 the one before.
    private static readonly Dictionary<string, int> Ordinals = new()
    {
        ["premier"] = 1, ["premiere"] = 1, ["1er"] = 1, ["1ere"] = 1, ["1re"] = 1,
        ["deuxieme"] = 2, ["2e"] = 2, ["2eme"] = 2, ["2nd"] = 2, ["second"] = 2, ["seconde"] = 2,
        ["troisieme"] = 3, ["3e"] = 3, ["3eme"] = 3, ["quatrieme"] = 4, ["4e"] = 4, ["4eme"] = 4, ["cinquieme"] = 5, ["5e"] = 5, ["5eme"] = 5,
        ["dernier"] = -1, ["derniere"] = -1, ["avantdernier"] = -2, ["avantderniere"] = -2,
    };

    // Words a typo may be corrected to (five letters or more: "mais" must not become "mars").
    private static readonly string[] Vocabulary =
    [
        .. Weekdays, .. Months, .. Last, .. Next, "semaine", "semaines", "jours", "demain", "weekend", "aujourdhui", "avanthier", "apresdemain",
        "seance", "vacances", "toussaint", "deuxieme", "troisieme",
    ];
    private static readonly HashSet<string> VocabularySet =
    [
        .. Vocabulary, .. Moments, .. Fillers, .. Ordinals.Keys, "hier", "jour", "mois", "an", "ans", "annee", "annees", "ilya",
        "avant", "apres", "rentree", "rentre", "heure", "lheure", "arriere", "fait", "cela", "longtemps", "quelques", "plusieurs", "autre", "printemps",
    ];

    public DateAnswer Read(string? text, DateOnly today, SessionSchedule? schedule = null)
    {
        var sentence = new Sentence(Words(text), today, schedule);
        for (var i = 0; i < sentence.Count; i++)
            if (sentence.ReadAt(i) is { } answer) return answer;
        return new DateAnswer.NotADate();
    }

    /// <summary>The most recent <paramref name="day"/>, today included.</summary>
    public static DateOnly MostRecent(DayOfWeek day, DateOnly today) =>
        today.AddDays(-(((int)today.DayOfWeek - (int)day + 7) % 7));

    private static int WeekdayOf(string? word) => word is null ? -1 : Array.IndexOf(Weekdays, word);

    private static int MonthOf(string? word) => word is null ? 0 : Array.IndexOf(Months, word) + 1;

    /// <summary>'d', 'w', 'm' or 'y' for a word of time ("jours", "sem", "mois", "ans").</summary>
    private static char? UnitOf(string? word) => word switch
    {
        "jour" or "jours" or "j" or "jr" or "jrs" => 'd',
        "semaine" or "semaines" or "sem" or "sems" => 'w',
        "mois" => 'm',
        "an" or "ans" or "annee" or "annees" => 'y',
        _ => null,
    };

    private static DateAnswer Classify(DateOnly date, DateOnly today) =>
        date > today ? new DateAnswer.InFuture(date)
        : today.DayNumber - date.DayNumber > MaxAgeDays ? new DateAnswer.TooOld(date)
        : new DateAnswer.Found(date);

    private static DateAnswer Exact(int year, int month, int day, DateOnly today)
    {
        if (year < 100) year += 2000;
        return month is >= 1 and <= 12 && year is >= 2000 and <= 2100 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
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
        return Pick(dates, today);
    }

    private static DateAnswer Pick(List<DateOnly> dates, DateOnly today)
    {
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
            .Replace("apres-midi", "aprem").Replace("apres midi", "aprem").Replace("avant-dern", "avantdern").Replace("avant dern", "avantdern")
            .Replace("week-end", "weekend").Replace("week end", "weekend")
            .Replace("il y a", "ilya").Replace("il ya", "ilya").Replace("y a", "ilya");
        var words = new List<string>();
        foreach (var raw in folded.Split([' ', '\'', ',', ';', ':', '!', '?', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('.', '-');
            if (word.Length == 0) continue;
            if (Shortcuts.TryGetValue(word, out var shortcut)) word = shortcut;
            else if (!VocabularySet.Contains(word) && word.Length >= 5 && word.All(char.IsLetter) && TextNormalizer.ClosestWord(word, Vocabulary) is { } close) word = close;
            else if (char.IsAsciiDigit(word[0]) && SplitCount(word) is { } split)
            {
                // "3j", "2sem": the number and its unit.
                words.Add(word[..split]);
                word = word[split..];
            }
            words.Add(word);
        }
        return words;
    }

    private static int? SplitCount(string word)
    {
        var k = 0;
        while (k < word.Length && char.IsAsciiDigit(word[k])) k++;
        return k < word.Length && char.IsAsciiLetterLower(word[k]) && UnitOf(word[k..]) is not null ? k : null;
    }
}
