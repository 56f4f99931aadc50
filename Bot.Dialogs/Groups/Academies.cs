using Bot.Dialogs.Understanding;

namespace Bot.Dialogs.Groups;

/// <summary>
/// Which school holiday zone each académie is in (metropolitan France, since the 2016 zones and the
/// 2020 merger of Caen and Rouen into Normandie), so that an administrator may name the académie.
/// </summary>
public static class Academies
{
    private static readonly Dictionary<string, string> Zones = new()
    {
        ["besancon"] = "A", ["bordeaux"] = "A", ["clermont-ferrand"] = "A", ["dijon"] = "A", ["grenoble"] = "A",
        ["limoges"] = "A", ["lyon"] = "A", ["poitiers"] = "A",
        ["aix-marseille"] = "B", ["amiens"] = "B", ["lille"] = "B", ["nancy-metz"] = "B", ["nantes"] = "B", ["nice"] = "B",
        ["normandie"] = "B", ["caen"] = "B", ["rouen"] = "B", ["orleans-tours"] = "B", ["reims"] = "B", ["rennes"] = "B",
        ["strasbourg"] = "B",
        ["creteil"] = "C", ["montpellier"] = "C", ["paris"] = "C", ["toulouse"] = "C", ["versailles"] = "C",
    };

    /// <summary>"Normandie", "académie de Clermont-Ferrand", "Orléans-Tours" → its zone; null when unknown.</summary>
    public static string? ZoneOf(string? academie)
    {
        if (string.IsNullOrWhiteSpace(academie)) return null;
        var folded = TextNormalizer.Fold(academie).Replace(' ', '-');
        foreach (var prefix in new[] { "academie-de-", "academie-d'", "academie-" })
            if (folded.StartsWith(prefix, StringComparison.Ordinal)) folded = folded[prefix.Length..];
        return Zones.GetValueOrDefault(folded);
    }
}
