namespace Bot.Dialogs.Understanding;

public enum YesNoAnswer { Unknown, Yes, No }

/// <summary>Yes and no the way 11–18 year-olds type them, folded (no accents, lower case).</summary>
public static class YesNo
{
    private static readonly HashSet<string> YesPhrases =
    [
        "oui", "ouii", "ouai", "ouais", "ouaip", "ouep", "ouep", "oue", "ouiii", "wi", "ui", "uii", "oui oui", "ouais ouais",
        "yes", "yep", "yup", "ye", "yeah", "ya", "ok", "okay", "oki", "okk", "okok", "ok ok", "k", "kk", "d'accord", "daccord",
        "dac", "dacc", "d'acc", "dak", "dacodac", "carrement", "grave", "trop bien", "bien sur", "evidemment", "exact",
        "exactement", "c'est ca", "c ca", "cest ca", "c'est bon", "c bon", "cest bon", "c'est ok", "c ok", "vas-y", "vas y",
        "vazy", "vasy", "go", "let's go", "lets go", "parfait", "nickel", "impec", "top", "valide", "valider", "je valide",
        "confirme", "confirmer", "je confirme", "ca marche", "ca me va", "ca roule", "volontiers", "absolument",
        "tout a fait", "si", "enregistre", "enregistrer", "c'est tout bon", "tout est bon", "c'est juste", "juste", "correct",
        "\U0001F44D", "\U0001F44C", "✅", "👍🏻", "👍🏼", "👍🏽", "👍🏾", "👍🏿",
    ];

    private static readonly HashSet<string> NoPhrases =
    [
        "non", "nan", "nn", "nope", "nop", "no", "nah", "na", "non non", "nan nan", "pas du tout", "jamais",
        "non merci", "nan merci", "pas vraiment", "surtout pas", "negatif", "pas encore", "pas sur", "pas ok",
        "c'est pas bon", "c pas bon", "cest pas bon", "pas bon", "faux", "c'est faux", "erreur", "modifier",
        "je modifie", "changer", "je change", "corriger", "je corrige", "je veux changer", "je veux modifier",
        "\U0001F44E", "❌", "👎🏻", "👎🏼", "👎🏽", "👎🏾", "👎🏿",
    ];

    private static readonly string[] FuzzyYes = ["ouais", "daccord", "carrement", "evidemment", "exactement", "parfait", "volontiers", "absolument", "valider", "confirme"];
    private static readonly string[] FuzzyNo = ["negatif", "modifier", "corriger", "changer"];

    public static YesNoAnswer Read(string? text)
    {
        var folded = TextNormalizer.Fold(text);
        if (folded.Length == 0) return YesNoAnswer.Unknown;
        var collapsed = TextNormalizer.CollapseStretched(folded);
        foreach (var candidate in new[] { folded, collapsed })
        {
            if (YesPhrases.Contains(candidate)) return YesNoAnswer.Yes;
            if (NoPhrases.Contains(candidate)) return YesNoAnswer.No;
        }

        // "oui c'est bon", "non, la date est fausse": the first word decides.
        var first = collapsed.Split([' ', ',', '!', '.'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        if (first is "oui" or "ouais" or "ouai" or "yes" or "ok" or "okay" or "dac" or "daccord" or "d'accord") return YesNoAnswer.Yes;
        if (first is "non" or "nan" or "nope" or "nn") return YesNoAnswer.No;

        if (!collapsed.Contains(' '))
        {
            if (TextNormalizer.ClosestWord(collapsed, FuzzyYes) is not null) return YesNoAnswer.Yes;
            if (TextNormalizer.ClosestWord(collapsed, FuzzyNo) is not null) return YesNoAnswer.No;
        }
        return YesNoAnswer.Unknown;
    }
}
