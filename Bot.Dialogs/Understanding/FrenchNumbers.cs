namespace Bot.Dialogs.Understanding;

/// <summary>Whole numbers from 0 to 31 as pupils write them: digits, words ("vingt-deux", "vingt et un"), "1er".</summary>
public static class FrenchNumbers
{
    private static readonly Dictionary<string, int> Units = new()
    {
        ["zero"] = 0, ["un"] = 1, ["une"] = 1, ["premier"] = 1, ["premiere"] = 1, ["1er"] = 1, ["1ere"] = 1, ["deux"] = 2, ["trois"] = 3,
        ["quatre"] = 4, ["cinq"] = 5, ["six"] = 6, ["sept"] = 7, ["huit"] = 8, ["neuf"] = 9, ["dix"] = 10, ["onze"] = 11, ["douze"] = 12,
        ["treize"] = 13, ["quatorze"] = 14, ["quinze"] = 15, ["seize"] = 16, ["vingt"] = 20, ["trente"] = 30,
    };

    /// <summary>The number that the folded words starting at <paramref name="start"/> spell, and how many words it took.</summary>
    public static (int Value, int Words)? Read(IReadOnlyList<string> words, int start)
    {
        if (start >= words.Count) return null;
        var first = words[start];
        if (first.Length is > 0 and <= 4 && first.All(char.IsAsciiDigit)) return (int.Parse(first, System.Globalization.CultureInfo.InvariantCulture), 1);
        // "dix-sept", "vingt-deux": the hyphen made one word.
        if (first.Contains('-') && first.Split('-') is [var tens, var unit] && Units.TryGetValue(tens, out var t) && Units.TryGetValue(unit, out var u) && t >= 10 && u < 10)
            return (t + u, 1);
        if (!Units.TryGetValue(first, out var value)) return null;
        if (value is 10 or 20 or 30 && start + 1 < words.Count)
        {
            // "dix sept", "vingt deux", "vingt et un".
            if (words[start + 1] == "et" && start + 2 < words.Count && words[start + 2] is "un" or "une") return (value + 1, 3);
            if (Units.TryGetValue(words[start + 1], out var next) && next is >= 1 and <= 9) return (value + next, 2);
        }
        return (value, 1);
    }

    /// <summary>The whole text as one number, or null.</summary>
    public static int? Parse(string folded)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Read(words, 0) is { } n && n.Words == words.Length ? n.Value : null;
    }
}
