using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Programme;

namespace Bot.Dialogs.Badges;

internal static class BadgeTexts
{
    public const string MenuLabel = "Les badges";
    public const string Command = "Les badges du Peer to Peer, et en demander un";
    public const string Intro = "Voici les badges du Peer to Peer, délivrés par la Mairie de Vire Normandie :";
    public const string ChooseQuestion = "Tu veux en demander un ?";
    public const string ChooseExample = "Choisis le badge que tu veux demander, avec un bouton ou en écrivant son nom.";
    public const string MessageQuestion = "Tu veux ajouter un petit mot pour la conseillère ? Par exemple ce que tu as fait pour mériter ce badge. Écris-le, ou choisis « Sans message ».";
    public const string MessageExample = "Écris ton message, ou choisis « Sans message ».";
    public const string Help = "Tu regardes les badges du Peer to Peer et tu peux en demander un à la conseillère.";
    public const string NextSteps =
        "Et ensuite ? La conseillère regarde tes séances au bilan du trimestre. Si elle accepte ta demande, je te préviens ici, " +
        "et le badge arrivera dans ton compte Open Badge Passport.";

    public static readonly Choice NoMessage = new("badge:nomessage", "Sans message");
    public static readonly Choice NotNow = new("badge:none", "Non, pas maintenant");

    /// <summary>The badge, its criteria in words, then (when they are data) where the pupil stands.</summary>
    public static string Describe(BadgeDefinition badge, BadgeProgress? progress)
    {
        var text = $"**{badge.Name}**\n\n{badge.Description}\n\n**Critères :** {badge.Criteria}";
        if (progress is not { HasRequirements: true }) return text;
        return text + $"\n\n**Où tu en es** ({progress.Term.Name}) :\n" + string.Join("\n", progress.Checks.Select(c => $"- {c.Line}"));
    }

    public static string NotYetMet(BadgeProgress progress)
    {
        var missing = progress.Checks.Where(c => !c.Met).Select(c => c.Kind switch
        {
            BadgeCriterion.Sessions => Sessions(c.Missing, c.Domains),
            BadgeCriterion.Level => $"le niveau {ContributionTexts.LevelLabel(c.Need)}",
            _ => "ton bilan du trimestre",
        }).ToList();
        var list = missing.Count == 1 ? missing[0] : $"{string.Join(", ", missing[..^1])} et {missing[^1]}";
        return $"Il te manque encore {list}, mais tu peux quand même demander ce badge : la conseillère décidera.";
    }

    public static Choice RequestChoice(BadgeDefinition badge) => new($"badge:{badge.Id}", $"Demander : {badge.Name}");

    public static string AlreadyPending(BadgeDefinition badge, DateOnly since) =>
        $"Tu as déjà demandé le badge « {badge.Name} » le {ParisTime.LongDate(since)} : la conseillère ne l'a pas encore regardé. Tu recevras un message dès qu'elle aura décidé.";

    public static string Recorded(BadgeDefinition badge) =>
        $"C'est noté ✅ Ta demande du badge « {badge.Name} » est transmise à la conseillère. Remplis aussi la demande sur Open Badge Factory avec ce lien, pour qu'elle puisse te l'envoyer :";

    public static string ClaimTitle(BadgeDefinition badge) => $"Demander « {badge.Name} »";

    public static string TooLong(int length) =>
        $"Ton message fait {length} caractères : le maximum est {BadgeRequest.MaxMessageLength}. Raccourcis-le et renvoie-le (rien n'a été gardé).";

    public const string NotNowText = "D'accord ! Écris /badges quand tu veux en demander un.";

    /// <summary>One criterion, checked, as the pupil reads it.</summary>
    public static string Line(CriterionCheck check) => check.Kind switch
    {
        BadgeCriterion.Sessions when check.Met => $"{Sessions(check.Have, check.Domains)} (il en faut {check.Need}) ✅",
        BadgeCriterion.Sessions => $"{Sessions(check.Have, check.Domains)} sur {check.Need} : encore {check.Missing}",
        BadgeCriterion.Level when check.Met => $"{Level(check)} ✅",
        BadgeCriterion.Level when check.Have > 0 => $"{Level(check)} : pas encore (ton meilleur : {ContributionTexts.LevelLabel(check.Have)})",
        BadgeCriterion.Level => $"{Level(check)} : pas encore",
        _ => check.Met ? "bilan du trimestre : fait ✅" : "bilan du trimestre : pas encore fait (écris /bilan)",
    };

    /// <summary>"3 séances", "1 séance en Compétences numériques": 0 and 1 take the singular in French.</summary>
    internal static string Sessions(int count, IReadOnlyList<ContributionDomain> domains) =>
        $"{count} séance{(count > 1 ? "s" : "")}{In(domains)}";

    private static string Level(CriterionCheck check) => $"au moins une séance{In(check.Domains)} au niveau {ContributionTexts.LevelLabel(check.Need)}";

    internal static string In(IReadOnlyList<ContributionDomain> domains) =>
        domains.Count == 0 ? "" : " en " + string.Join(" ou ", domains.Select(d => ContributionTexts.Domains[d]));
}
