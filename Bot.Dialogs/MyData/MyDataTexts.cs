using System.Text;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.People;

namespace Bot.Dialogs.MyData;

internal static class MyDataTexts
{
    public const string MenuLabel = "Mes données";
    public const string Command = "Voir ou effacer ce que le bot garde sur toi";
    public const string Help = "Tu peux voir tout ce que je garde sur toi, ou tout effacer.";
    public const string FileName = "mes-donnees.json";
    public const string Why = "Je garde tout ça pour le bilan du trimestre avec la conseillère, et rien d'autre. Tu veux tout effacer ?";
    public const string ConfirmQuestion =
        "Tu es sûr ? J'effacerai tout ce que je sais de toi : tes séances, tes demandes de badge, où tu en es dans le guide du compte et nos conversations. On ne pourra pas revenir en arrière.";
    public const string ConfirmExample = "Réponds « oui » pour tout effacer, ou « non » pour tout garder.";
    public const string Kept = "D'accord, je ne touche à rien.";
    public const string Erased = "C'est fait : j'ai effacé toutes tes données. Si tu m'écris de nouveau, ce sera comme une première fois.";

    public static readonly Choice EraseChoice = new("start:mydata:erase", "Tout effacer");
    public static readonly Choice Confirm = new("mydata:confirm", "Oui, tout effacer");
    public static readonly Choice Keep = new("mydata:keep", "Non, je garde tout");

    /// <summary>Said before the confirmation when the erasure covers several channels.</summary>
    public static string EveryChannel(IEnumerable<string> channels) => $"Ça vaut pour tous tes comptes reliés : {ChannelNames.List(channels)}.";

    public static string Status(BadgeRequestStatus status) => status switch
    {
        BadgeRequestStatus.Approved => "acceptée",
        BadgeRequestStatus.Refused => "refusée",
        _ => "en attente",
    };

    public static string Summary(PersonalRecord record)
    {
        var text = new StringBuilder("Voici tout ce que je garde sur toi :\n\n");
        var linked = record.Identities.Count > 1;
        text.Append(linked ? "- tes identifiants, un par canal relié : " : "- ton identifiant : ");
        text.Append($"{string.Join(", ", record.Identities.Select(i => $"{i.ExternalId} ({ChannelNames.French(i.Channel)})"))}\n");
        if (record.Name is not null) text.Append($"- ton nom, tel que le chat me l'a donné : {record.Name}\n");
        if (record.Group is not null) text.Append($"- ton groupe : {record.Group}\n");
        text.Append(record.Sessions.Count switch
        {
            0 => "- aucune séance notée\n",
            1 => "- 1 séance notée :\n",
            var n => $"- {n} séances notées :\n",
        });
        foreach (var s in record.Sessions)
            text.Append($"  - {ParisTime.LongDate(s.SessionDate)} : {ContributionTexts.Domains[s.Domain]}, niveau {s.Level} ; partagé « {s.Shared} » ; appris « {s.Learned} »\n");
        text.Append(record.Requests.Count == 0
            ? "- aucune demande de badge\n"
            : $"- tes demandes de badge : {string.Join(" ; ", record.Requests.Select(r => $"{r.BadgeName} ({Status(r.Request.Status)})"))}\n");
        if (record.Requests.Any(r => r.Request.IssueEmail is not null))
            text.Append("- ton adresse mail, le temps que la mairie t'envoie ton badge\n");
        foreach (var a in record.SelfAssessments)
            text.Append($"- ton bilan du {a.Trimester} : {SelfAssessment.SelfAssessmentTexts.Line(a)}\n");
        if (record.GuideStep is { } step) text.Append($"- tu en es à l'étape {step} sur 4 du guide du compte\n");
        text.Append(linked ? "- nos conversations, sur chacun de ces canaux" : "- nos conversations sur ce chat");
        text.Append("\n\nLe fichier ci-dessous contient tout ça.");
        return text.ToString();
    }
}
