using System.Globalization;
using System.Text;

namespace Bot.Dialogs.Understanding;

/// <summary>Folds what pupils type into a comparable form: case, accents, apostrophes, stretched letters.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Text as it may be stored and shown: line breaks and tabs kept, other control characters,
    /// unpaired surrogates and noncharacters (U+FFFE…) removed. Unchanged, without copying, when clean.
    /// </summary>
    public static string? Sanitize(string? text)
    {
        if (text is null || IsClean(text)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) // an unpaired surrogate comes out as U+FFFD
            if (Keeps(rune) && !(rune == Rune.ReplacementChar && !text.Contains('\uFFFD'))) sb.Append(rune.ToString());
        return sb.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { if (!Keeps(new Rune(c, text[++i]))) return false; continue; }
            if (char.IsSurrogate(c) || !Keeps(new Rune(c))) return false;
        }
        return true;
    }

    private static bool Keeps(Rune rune) =>
        rune.Value is '\n' or '\t' or '\r'
        || (!Rune.IsControl(rune) && (rune.Value & 0xFFFE) != 0xFFFE && rune.Value is not (>= 0xFDD0 and <= 0xFDEF));

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var ch = c switch { '\u2019' or '\u2018' or '`' or '\u00b4' => '\'', '\u00a0' or '\t' or '\n' or '\r' => ' ', _ => c };
            if (ch == ' ')
            {
                if (lastWasSpace) continue;
                lastWasSpace = true;
            }
            else lastWasSpace = false;
            sb.Append(ch);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC).Trim().TrimEnd('!', '?', '.', '…', ' ', ';', ',');
    }

    // Common French texting abbreviations, folded. "cv" stays: here it is a résumé.
    private static readonly Dictionary<string, string> Slang = new()
    {
        ["pk"] = "pourquoi", ["pq"] = "pourquoi", ["pkoi"] = "pourquoi", ["koi"] = "quoi", ["kwa"] = "quoi", ["mdp"] = "mot de passe",
        ["jsp"] = "je sais pas", ["jpp"] = "je peux pas", ["jpeux"] = "je peux", ["bcp"] = "beaucoup", ["qqn"] = "quelqu'un",
        ["qqch"] = "quelque chose", ["pr"] = "pour", ["ds"] = "dans", ["avc"] = "avec", ["ac"] = "avec", ["tt"] = "tout",
        ["jai"] = "j'ai", ["chui"] = "je suis", ["chuis"] = "je suis", ["dc"] = "donc", ["vrm"] = "vraiment", ["tjrs"] = "toujours",
        ["qrcode"] = "qr code", ["qrcodes"] = "qr codes", ["fo"] = "faut", ["oci"] = "aussi", ["mtn"] = "maintenant",
        ["ajd"] = "aujourd'hui", ["auj"] = "aujourd'hui", ["msg"] = "message", ["infos"] = "informations", ["info"] = "information",
    };

    /// <summary>Spells out texting abbreviations word by word: "jai oublie mon mdp" → "j'ai oublie mon mot de passe".</summary>
    public static string ExpandSlang(string folded)
    {
        if (folded.Length == 0) return folded;
        var words = folded.Split(' ');
        for (var i = 0; i < words.Length; i++)
            if (Slang.TryGetValue(words[i], out var full)) words[i] = full;
        return string.Join(' ', words);
    }

    /// <summary>"ouiiii" → "oui", "nooon" → "non": runs of three or more identical letters become one.</summary>
    public static string CollapseStretched(string folded)
    {
        var sb = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            var run = 1;
            while (i + run < folded.Length && folded[i + run] == c) run++;
            sb.Append(c, char.IsLetter(c) && run >= 3 ? 1 : run);
            i += run - 1;
        }
        return sb.ToString();
    }

    /// <summary>Optimal string alignment distance (edits, with transpositions), stopping early past <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var prev2 = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            var rowMin = cur[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }
            if (rowMin > max) return max + 1;
            (prev2, prev, cur) = (prev, cur, prev2);
        }
        return prev[b.Length];
    }

    /// <summary>How many typos a word of this length may carry and still be recognised.</summary>
    public static int TypoBudget(int length) => length switch { < 4 => 0, < 8 => 1, _ => 2 };

    /// <summary>The vocabulary word closest to <paramref name="word"/> within its typo budget, or null.</summary>
    public static string? ClosestWord(string word, IReadOnlyList<string> vocabulary)
    {
        var budget = TypoBudget(word.Length);
        if (budget == 0) return null;
        string? best = null;
        var bestDistance = budget + 1;
        foreach (var candidate in vocabulary)
        {
            var d = Distance(word, candidate, budget);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        return best;
    }
}
