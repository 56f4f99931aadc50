using Bot.Dialogs.Engine;
using Bot.Dialogs.People;

namespace Bot.Dialogs.Linking;

internal static class LinkTexts
{
    public const string LinkCommand = "Relier tes comptes (chat du site, Discord, Teams) avec un code";
    public const string CodeArgument = "Le code à 6 caractères obtenu sur ton autre canal";
    public const string UnlinkCommand = "Détacher ce canal de tes autres comptes";
    public const string LinkHelp = "Écris « /lier » pour obtenir un code, puis « /lier » suivi du code sur ton autre canal.";
    public const string UnlinkHelp = "« /délier » détache ce canal de tes autres comptes.";

    public static string NewCode(string code) =>
        $"Voici ton code : **{code}**. Il marche une seule fois, pendant 10 minutes.\n\n" +
        $"Sur l'autre canal (le chat du site, Discord ou Teams), écris « /lier {code} » : je saurai que c'est toi. " +
        "Ça marche aussi pour retrouver ton compte sur un autre ordinateur ou téléphone.";

    /// <summary>Kept for a repeated delivery instead of the code, which is stored nowhere in clear.</summary>
    public const string NewCodeNotKept = "Ton code ne s'affiche qu'une fois : écris « /lier » pour en obtenir un nouveau.";

    public const string KeepItSecret = "Ne le donne à personne : avec ce code, quelqu'un pourrait se faire passer pour toi.";

    public const string NotACode =
        "Je n'ai pas reconnu de code : il a 6 caractères, des lettres et des chiffres, comme K7P3XM. Écris « /lier » tout seul pour en obtenir un.";

    public static string WrongCode(int triesLeft) =>
        "Ce code ne marche pas. Vérifie-le, ou écris « /lier » sur ton autre canal pour en obtenir un nouveau. " +
        (triesLeft == 1 ? "Attention : encore 1 essai avant un blocage de 15 minutes." : $"Il te reste {triesLeft} essais avant un blocage de 15 minutes.");

    public static string Locked(DateTime until) =>
        $"Trop de codes faux : pour ta sécurité, je bloque la liaison des comptes jusqu'à {ParisTime.Time(new DateTimeOffset(until, TimeSpan.Zero))}. " +
        "Réessaie après, avec un nouveau code.";

    public const string Expired = "Ce code a expiré : il ne marche que 10 minutes. Écris « /lier » sur ton autre canal pour en obtenir un nouveau.";
    public const string Used = "Ce code a déjà servi : il ne marche qu'une fois. Écris « /lier » sur ton autre canal pour en obtenir un nouveau.";
    public const string AlreadyLinked =
        "C'est déjà lié : ce code est le tien, et je te reconnais déjà ici 🙂 Tape-le sur ton autre canal pour le relier.";

    public const string CounsellorRefused =
        "La liaison des comptes est réservée aux élèves : un compte de conseillère ne se relie pas. Vous restez reconnue sur chaque canal séparément.";
    public const string CodeOfCounsellor = "Ce code vient d'un compte de conseillère : je ne peux pas le relier à un compte d'élève.";

    public static string Linked(IReadOnlyList<string> channels) => channels.Distinct().Count() <= 1
        ? "C'est relié ✅ Ici, je te reconnais comme sur ton autre appareil : tout ce que tu fais est au même endroit."
        : $"C'est relié ✅ Je te reconnais maintenant sur {ChannelNames.List(channels)} : tout ce que tu fais est au même endroit.";

    public static string Merged(MergeReport r)
    {
        var parts = new List<string>();
        if (r.Sessions > 0) parts.Add(r.Sessions == 1 ? "1 séance" : $"{r.Sessions} séances");
        if (r.Requests > 0) parts.Add(r.Requests == 1 ? "1 demande de badge" : $"{r.Requests} demandes de badge");
        if (r.SelfAssessments > 0) parts.Add(r.SelfAssessments == 1 ? "1 bilan de trimestre" : $"{r.SelfAssessments} bilans de trimestre");
        if (r.Guide) parts.Add("où tu en es dans le guide du compte");
        return $"J'ai regroupé ce que tu avais ici avec le reste : {string.Join(", ", parts[..^1])}{(parts.Count > 1 ? " et " : "")}{parts[^1]}.";
    }

    public static string SameDays(IReadOnlyList<DateOnly> days) =>
        (days.Count == 1
            ? $"Tu avais noté une séance le {ParisTime.LongDate(days[0])} des deux côtés : je garde les deux."
            : $"Tu avais noté une séance des deux côtés aux mêmes dates ({string.Join(", ", days.Select(ParisTime.LongDate))}) : je garde les deux.") +
        " Si c'est la même, dis-le à la conseillère.";

    public static string AssessmentKept(string trimester, DateTimeOffset kept) =>
        $"Tu avais fait ton bilan du {trimester} des deux côtés : je garde le plus récent, celui du {ParisTime.LongDate(ParisTime.Today(kept))}.";

    public static string RequestKept(string badge) =>
        $"Tu avais demandé le badge « {badge} » des deux côtés : je garde une seule demande, la plus ancienne.";

    public const string RemindersOff =
        "Tu avais coupé les rappels du vendredi d'un côté : ils restent coupés partout. Écris « rappels » pour les remettre.";

    public const string OnlyIdentity = "Ce canal n'est relié à aucun autre : il n'y a rien à délier 🙂";

    public static string Unlinked(string here, IReadOnlyList<string> others) => others.All(o => o == here)
        ? "C'est fait : cet appareil n'est plus relié à ton compte. Ici, je repars de zéro ; " +
          "tes séances, tes demandes et tes bilans restent sur ton autre appareil."
        : $"C'est fait : {ChannelNames.French(here)} n'est plus relié à tes autres comptes. Ici, je repars de zéro ; " +
          $"tes séances, tes demandes et tes bilans restent sur {ChannelNames.List(others)}.";
}
