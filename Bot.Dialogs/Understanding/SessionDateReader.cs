using System.Globalization;
using System.Text.RegularExpressions;

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

/// <summary>
/// Reads the date of a past session from free French. Sessions are in the past, so ambiguous
/// readings resolve backwards: "vendredi" is the most recent Friday, today included.
/// </summary>
public sealed partial class SessionDateReader(FrenchRecognizers recognizers)
{
    /// <summary>Older than this, a session is almost surely a typo: a trimester is about three months.</summary>
    public const int MaxAgeDays = 180;

    private static readonly Dictionary<string, string> Shortcuts = new()
    {
        ["auj"] = "aujourd'hui", ["ajd"] = "aujourd'hui", ["aujd"] = "aujourd'hui", ["ojd"] = "aujourd'hui",
        ["aujourdhui"] = "aujourd'hui", ["aujourd'hui"] = "aujourd'hui", ["ajourd'hui"] = "aujourd'hui",
        ["hiere"] = "hier", ["yer"] = "hier", ["avant-hier"] = "avant-hier", ["avanthier"] = "avant-hier",
        ["ya"] = "il y a",
    };

    // Folded (accent-free) word → the form the recognizer knows best.
    private static readonly Dictionary<string, string> Vocabulary = new()
    {
        ["lundi"] = "lundi", ["mardi"] = "mardi", ["mercredi"] = "mercredi", ["jeudi"] = "jeudi",
        ["vendredi"] = "vendredi", ["samedi"] = "samedi", ["dimanche"] = "dimanche",
        ["janvier"] = "janvier", ["fevrier"] = "février", ["mars"] = "mars", ["avril"] = "avril", ["mai"] = "mai",
        ["juin"] = "juin", ["juillet"] = "juillet", ["aout"] = "août", ["septembre"] = "septembre",
        ["octobre"] = "octobre", ["novembre"] = "novembre", ["decembre"] = "décembre",
        ["hier"] = "hier", ["dernier"] = "dernier", ["derniere"] = "dernière", ["semaine"] = "semaine",
        ["semaines"] = "semaines", ["jours"] = "jours", ["passe"] = "passé", ["passee"] = "passée",
    };

    private static readonly string[] VocabularyWords = [.. Vocabulary.Keys];

    public DateAnswer Read(string? text, DateOnly today)
    {
        var prepared = Prepare(text);
        if (prepared.Length == 0) return new DateAnswer.NotADate();

        var reference = today.ToDateTime(new TimeOnly(12, 0));
        foreach (var result in recognizers.DateTimes.Parse(prepared, reference))
        {
            if (!result.Resolution.TryGetValue("values", out var raw) || raw is not IEnumerable<Dictionary<string, string>> values) continue;
            var readings = values.ToList();
            if (readings.Count == 0) continue;
            var type = readings[0].GetValueOrDefault("type");
            if (type is "daterange" or "datetimerange" or "timerange" or "duration" or "set") return new DateAnswer.Vague();
            if (type is not ("date" or "datetime")) continue;
            return Choose(readings, today);
        }
        return new DateAnswer.NotADate();
    }

    /// <summary>The most recent <paramref name="day"/>, today included.</summary>
    public static DateOnly MostRecent(DayOfWeek day, DateOnly today) =>
        today.AddDays(-(((int)today.DayOfWeek - (int)day + 7) % 7));

    private static DateAnswer Choose(List<Dictionary<string, string>> readings, DateOnly today)
    {
        var timex = readings[0].GetValueOrDefault("timex") ?? string.Empty;
        var weekday = WeekdayTimex().Match(timex);
        if (weekday.Success && readings.All(r => r.GetValueOrDefault("timex") == timex) && !HasExplicitDay(readings, today))
        {
            // "vendredi" alone: ISO weekday 1–7 → the most recent one.
            var iso = int.Parse(weekday.Groups[1].Value, CultureInfo.InvariantCulture);
            return new DateAnswer.Found(MostRecent((DayOfWeek)(iso % 7), today));
        }

        var dates = readings.Select(r => ParseValue(r.GetValueOrDefault("value"))).OfType<DateOnly>().Distinct().ToList();
        if (dates.Count == 0) return new DateAnswer.NotADate();
        var past = dates.Where(d => d <= today).DefaultIfEmpty().Max();
        if (past != default && today.DayNumber - past.DayNumber <= MaxAgeDays) return new DateAnswer.Found(past);
        var future = dates.Where(d => d > today).DefaultIfEmpty().Min();
        if (future != default) return new DateAnswer.InFuture(future);
        return new DateAnswer.TooOld(past);
    }

    // "vendredi 20" is tagged as a weekday by the recognizer but resolves to dated values.
    private static bool HasExplicitDay(List<Dictionary<string, string>> readings, DateOnly today) =>
        readings.Select(r => ParseValue(r.GetValueOrDefault("value"))).OfType<DateOnly>()
            .Any(d => Math.Abs(d.DayNumber - today.DayNumber) > 7);

    private static DateOnly? ParseValue(string? value)
    {
        if (value is null || value.Length < 10) return null;
        return DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    /// <summary>Fixes what the recognizer trips on: shortcuts, typos, "20.11", missing accents.</summary>
    internal static string Prepare(string? text)
    {
        var folded = TextNormalizer.CollapseStretched(TextNormalizer.Fold(text));
        if (folded.Length == 0) return folded;
        folded = DottedDate().Replace(folded, m => m.Value.Replace('.', '/').Replace('-', '/'));
        folded = folded.Replace("avant hier", "avant-hier").Replace("aujourd hui", "aujourd'hui");

        var words = folded.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (Shortcuts.TryGetValue(word, out var shortcut)) words[i] = shortcut;
            else if (Vocabulary.TryGetValue(word, out var known)) words[i] = known;
            else if (word.All(char.IsLetter) && TextNormalizer.ClosestWord(word, VocabularyWords) is { } close) words[i] = Vocabulary[close];
        }
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"^XXXX-WXX-([1-7])$")]
    private static partial Regex WeekdayTimex();

    // 20.11, 20.11.2026, 20-11 (but not ISO 2026-11-20, which the recognizer reads as is).
    [GeneratedRegex(@"(?<![\d.\-/])\d{1,2}[.\-]\d{1,2}(?:[.\-]\d{2,4})?(?![\d.\-/])")]
    private static partial Regex DottedDate();
}
