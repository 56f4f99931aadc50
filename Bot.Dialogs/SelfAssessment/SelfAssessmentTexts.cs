namespace Bot.Dialogs.SelfAssessment;

internal static class SelfAssessmentTexts
{
    public const string Command = "Faire ton bilan de fin de trimestre";
    public const string Help = "Tu fais ton bilan du trimestre : pour chaque partie de la grille, choisis ton niveau de 1 à 4.";
    public const string NoTrimester = "Il n'y a pas de trimestre en cours : le bilan se fera au prochain.";
    public const string Invitation =
        "Le trimestre se termine bientôt ! 🏁 Fais ton bilan en 4 questions : la conseillère le regardera avec tes séances pour décider des badges.";

    public static string Intro(string trimester) => $"Ton bilan du {trimester}, en 4 questions. Pour chacune, choisis ton niveau de 1 à 4.";

    /// <summary>The programme's grid, in the order asked.</summary>
    public static readonly string[] Questions =
    [
        "**Savoir-faire** : ce que tu sais faire de concret (un outil, une technique, un projet mené). Où en es-tu ?",
        "**Savoir-être** : écouter, aider, travailler avec les autres, oser prendre la parole. Où en es-tu ?",
        "**Compétences numériques** : utiliser des outils et des machines numériques, avec prudence. Où en es-tu ?",
        "**Engagement citoyen** : t'impliquer pour le groupe et pour les autres. Où en es-tu ?",
    ];

    public static readonly string[] Short = ["savoir-faire", "savoir-être", "numérique", "citoyen"];

    public const string Saved = "Merci ! Ton bilan est enregistré ✅ La conseillère le verra au bilan du trimestre.";

    public static string Line(TrimesterSelfAssessment a) =>
        $"savoir-faire {a.KnowHow}, savoir-être {a.SoftSkills}, numérique {a.Digital}, citoyen {a.Civic}";
}
