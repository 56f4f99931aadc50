using System.Text.RegularExpressions;

namespace Bot.Dialogs.Understanding;

/// <summary>Reads a self-assessment level from 1 to 4: "3", "trois", "3 sur 4", "3/4", "je sais faire".</summary>
public sealed partial class LevelReader
{
    public const int Max = 4;

    /// <summary>The level, or null when the answer is not a level from 1 to 4.</summary>
    public int? Read(string? text, IReadOnlyList<string> labels)
    {
        var folded = TextNormalizer.CollapseStretched(TextNormalizer.Fold(text));
        if (folded.Length == 0) return null;

        for (var i = 0; i < labels.Count; i++)
        {
            var label = TextNormalizer.Fold(labels[i]);
            if (folded == label || folded.EndsWith(label, StringComparison.Ordinal)
                || TextNormalizer.Distance(folded, label, TextNormalizer.TypoBudget(label.Length)) <= TextNormalizer.TypoBudget(label.Length))
                return i + 1;
        }

        var stripped = LevelPrefix().Replace(folded, string.Empty).Trim();
        // "3 sur 4", "3/4": the level over the scale.
        var fraction = OutOf().Match(stripped);
        if (fraction.Success)
        {
            var over = Number(fraction.Groups["over"].Value);
            return over == Max ? InRange(Number(fraction.Groups["value"].Value)) : null;
        }
        return InRange(Number(stripped));
    }

    private static int? Number(string text) => FrenchNumbers.Parse(text.Trim());

    private static int? InRange(int? n) => n is >= 1 and <= Max ? n : null;

    [GeneratedRegex(@"^(?:(?:c'?est\s+|je\s+dirais\s+|je\s+suis\s+|j'?dirais\s+)?(?:au\s+)?(?:le\s+)?niveau\s*)")]
    private static partial Regex LevelPrefix();

    [GeneratedRegex(@"^(?<value>.+?)\s*(?:/|\bsur\b)\s*(?<over>.+)$")]
    private static partial Regex OutOf();
}
