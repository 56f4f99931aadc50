using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Review;

/// <summary>What the counsellor reads ("vous"), and the notices her decisions send to pupils ("tu").</summary>
internal static class ReviewTexts
{
    public const string MenuLabel = "Suivi du trimestre";
    public const string CommandSuivi = "Le trimestre en un coup d'œil";
    public const string CommandEleve = "Le trimestre d'un élève";
    public const string CommandEleveName = "Le nom de l'élève";
    public const string CommandDemandes = "Les demandes de badge à valider";
    public const string CommandExport = "Le trimestre en tableau (CSV)";
    public const string CommandClore = "Clore le bilan du trimestre (les élèves ne corrigent plus leurs séances)";
    public const string Help = "Le suivi du trimestre : /suivi (vue d'ensemble), /demandes (à valider), /eleve <nom> (un élève), /export (tableau CSV).";
    public const string NoTrimester = "Aucun trimestre n'est configuré pour aujourd'hui : vérifiez la section SchoolCalendar de la configuration.";
    public const string NoPending = "Aucune demande de badge en attente 🎉";
    public const string UnknownRequest = "Je ne trouve pas cette demande.";
    public const string UnknownPupil = "Je ne trouve pas cet élève dans votre groupe.";
    public const string ReasonQuestion = "Pour quelle raison ? L'élève la lira, avec un mot d'encouragement. Vous pouvez aussi refuser sans donner de raison.";
    public const string ReasonTitle = "Refuser la demande";
    public const string ReasonLabel = "Raison (facultatif, l'élève la lira)";
    public const string RefuseSubmit = "Refuser";
    public const string ReasonExample = "Écrivez la raison, ou choisissez « Sans raison ».";
    public const string AskPupilName = "Quel élève ? Écrivez par exemple /eleve Léa.";

    public static readonly Choice NoReason = new("review:noreason", "Sans raison");
    public static readonly Choice PendingChoice = new("start:review:demandes", "Demandes en attente");
    public static readonly Choice ExportChoice = new("start:review:export", "Exporter (CSV)");

    public static readonly Choice CloseChoice = new("start:review:close", "Clore le bilan");
    public static readonly Choice ReopenChoice = new("start:review:close", "Rouvrir le bilan");
    // The confirmations name the group and the trimester they were asked about: an old button never acts on another one.
    public static Choice CloseConfirm(string target) => new($"start:review:closeconfirm:{target}", "Oui, clore le bilan");
    public static Choice ReopenConfirm(string target) => new($"start:review:reopen:{target}", "Rouvrir le bilan");
    public const string StaleButton = "Ce bouton concernait un autre groupe ou un autre trimestre : rien n'a changé.";
    public static readonly Choice NotYet = new("start:review:suivi", "Non, pas encore");
    public static readonly Choice KeepClosed = new("start:review:suivi", "Le laisser clos");

    public static string AskClose(SchoolPeriod term) =>
        $"Clore le bilan du **{term.Name}** ? Vos élèves ne pourront plus noter, corriger ni supprimer de séance de ce trimestre " +
        $"({term.Span}) : ce que vous avez relu reste tel quel. Vous pourrez le rouvrir avec /clore.";

    public static string Closed(SchoolPeriod term) =>
        $"🔒 Le bilan du {term.Name} est clos : vos élèves ne peuvent plus modifier les séances de ce trimestre. Pour le rouvrir : /clore.";

    public static string ClosedLine(ClosedTrimester closed) =>
        $"- 🔒 bilan clos le {ParisTime.LongDate(ParisTime.Today(closed.ClosedAt))} par {Markdown.Plain(closed.ClosedBy)}";

    public static string AlreadyClosed(ClosedTrimester closed) =>
        $"Le bilan du {closed.Trimester} a été clos le {ParisTime.LongDate(ParisTime.Today(closed.ClosedAt))} par {Markdown.Plain(closed.ClosedBy)}. " +
        "Le rouvrir permettrait à vos élèves de corriger leurs séances.";

    public static string NotClosed(SchoolPeriod term) => $"Le bilan du {term.Name} n'est pas clos : vos élèves peuvent corriger leurs séances.";

    public static string Reopened(SchoolPeriod term) =>
        $"🔓 Le bilan du {term.Name} est rouvert : vos élèves peuvent de nouveau corriger leurs séances. Pour le clore : /clore.";

    public static Choice Approve(Guid id) => new($"start:review:approve:{id:N}", "Approuver");
    public static Choice Refuse(Guid id) => new($"start:review:refuse:{id:N}", "Refuser");
    public static Choice Retry(Guid id) => new($"start:review:retry:{id:N}", "Réessayer l'envoi");
    public static Choice Pupil(Guid id, string label) => new($"start:review:pupil:{id:N}", label);

    public static string Status(BadgeRequestStatus status) => status switch
    {
        BadgeRequestStatus.Approved => "acceptée",
        BadgeRequestStatus.Refused => "refusée",
        _ => "en attente",
    };

    public static string Overview(SchoolPeriod term, int pupils, int sessions, IEnumerable<(ContributionDomain Domain, int Count)> domains,
        int pending, IReadOnlyList<(string Pupil, int Sessions)> ready)
    {
        var text = $"**{term.Name}** ({term.Span})\n\n" +
            $"- {Plural(pupils, "élève a participé", "élèves ont participé")}, {Plural(sessions, "séance notée", "séances notées")}\n";
        var byDomain = domains.Where(d => d.Count > 0).Select(d => $"{ContributionTexts.Domains[d.Domain]} {d.Count}").ToList();
        if (byDomain.Count > 0) text += $"- domaines : {string.Join(", ", byDomain)}\n";
        text += $"- {Plural(pending, "demande de badge en attente", "demandes de badge en attente")}\n";
        if (ready.Count > 0)
            text += "- plusieurs séances et pas encore de demande : "
                + $"{string.Join(", ", ready.Select(r => $"{Markdown.Plain(r.Pupil)} ({r.Sessions} séances)"))}\n";
        return text.TrimEnd('\n');
    }

    public static string Request(string pupil, string badge, DateOnly asked, string? message, int sessions, IEnumerable<string> domains,
        IEnumerable<int> levels, string? criteria = null) =>
        $"**{Markdown.Plain(pupil)}** demande le badge « {badge} » (le {ParisTime.LongDate(asked)})\n\n" +
        (message is null ? "" : $"Son message : « {Markdown.Plain(message)} »\n\n") +
        (sessions == 0
            ? "Ce trimestre : aucune séance notée."
            : $"Ce trimestre : {Plural(sessions, "séance", "séances")} ({string.Join(", ", domains)}), niveaux {string.Join(" → ", levels)}.") +
        (criteria is null ? "" : $"\n\n{criteria}");

    /// <summary>The badge's criteria checked, on one line: "Critères : 3 séances sur 5 ❌, bilan fait ✅".</summary>
    public static string Criteria(BadgeProgress progress, bool otherTerm) =>
        (otherTerm ? $"Critères du {progress.Term.Name} : " : "Critères : ") + string.Join(", ", progress.Checks.Select(c => c.Kind switch
        {
            BadgeCriterion.Sessions => $"{BadgeTexts.Sessions(c.Have, c.Domains)} sur {c.Need}",
            BadgeCriterion.Level => $"niveau {c.Need}{BadgeTexts.In(c.Domains)} {(c.Met ? "atteint" : "pas atteint")}",
            _ => c.Met ? "bilan fait" : "bilan pas fait",
        } + (c.Met ? " ✅" : " ❌")));

    public static string PupilDetail(string pupil, SchoolPeriod term, IReadOnlyList<Contribution> sessions, IReadOnlyList<(string Badge, BadgeRequestStatus Status)> requests,
        SelfAssessment.TrimesterSelfAssessment? assessment)
    {
        var text = $"**{Markdown.Plain(pupil)}**, {term.Name}\n\n";
        text += sessions.Count == 0 ? "Aucune séance notée ce trimestre.\n" : "";
        foreach (var s in sessions)
            text += $"- {ParisTime.LongDate(s.SessionDate)} : {ContributionTexts.Domains[s.Domain]}, niveau {ContributionTexts.LevelLabel(s.Level)}" +
                    (s.UpdatedAt > s.CreatedAt ? $" ✏️ corrigée par l'élève le {ParisTime.LongDate(ParisTime.Today(s.UpdatedAt))} à " +
                        $"{ParisTime.Time(s.UpdatedAt)}" : "") + "\n" +
                    $"  partagé : « {Markdown.Plain(s.Shared)} »\n  appris : « {Markdown.Plain(s.Learned)} »\n";
        text += assessment is null ? "\nPas encore de bilan du trimestre." : $"\nSon bilan du trimestre : {SelfAssessment.SelfAssessmentTexts.Line(assessment)}.";
        text += requests.Count == 0 ? "\nAucune demande de badge." : $"\nDemandes : {string.Join(" ; ", requests.Select(r => $"{r.Badge} ({Status(r.Status)})"))}";
        return text;
    }

    public static string NoPupil(string query) => $"Je ne trouve aucun élève qui ressemble à « {Markdown.Plain(query)} ».";
    public const string WhichPupil = "Plusieurs élèves correspondent. Lequel ?";

    public static string AlreadyDecided(BadgeRequest request) =>
        $"Cette demande a déjà été {Status(request.Status)} par {request.DecidedBy ?? "quelqu'un"} le {ParisTime.LongDate(ParisTime.Today(request.DecidedAt ?? request.CreatedAt))}.";

    public static string Approved(string pupil, string badge, bool told) =>
        $"✅ C'est validé : {Markdown.Plain(pupil)} peut recevoir le badge « {badge} ». " +
        (told
            ? "Je lui envoie le lien pour le récupérer."
            : "Je ne peux pas lui écrire (aucune conversation ouverte avec le bot) : prévenez-le ou prévenez-la de vive voix.");

    public static string ApprovedToIssue(string pupil, string badge, bool told) =>
        $"✅ C'est validé : {Markdown.Plain(pupil)} va recevoir le badge « {badge} » par Open Badge Factory. " +
        (told
            ? "Je lui demande son adresse mail pour l'envoi."
            : "Je ne peux pas lui écrire (aucune conversation ouverte avec le bot) : demandez-lui d'écrire au bot.");

    public static string NotIssued(string pupil, string badge, string error) =>
        $"**{Markdown.Plain(pupil)}** : le badge « {badge} » est accepté mais Open Badge Factory ne l'a pas encore délivré ({error}).";

    public static string NothingToRetry(string pupil, string badge) =>
        $"Rien à renvoyer : le badge « {badge} » de {Markdown.Plain(pupil)} est déjà délivré, ou attend encore son adresse mail.";
    public static string RetryFailed(string? error) => $"L'envoi a encore échoué ({error}). La demande reste acceptée ; réessayez un peu plus tard.";

    public static string RetrySucceeded(string pupil, string badge, bool told) =>
        $"📬 C'est envoyé : {Markdown.Plain(pupil)} a reçu le badge « {badge} »." + (told ? " Je lui envoie le lien pour le récupérer." : "");

    public static string Refused(string pupil, string badge, bool told) =>
        $"C'est noté : la demande de {Markdown.Plain(pupil)} pour le badge « {badge} » est refusée. " +
        (told ? "Je lui transmets votre réponse." : "Je ne peux pas lui écrire (aucune conversation ouverte avec le bot).");

    public static string ReasonTooLong(int length) => $"La raison fait {length} caractères : {BadgeRequest.MaxMessageLength} au plus, s'il vous plaît.";

    // To the pupil.
    public static string ApprovedNotice(string badge) =>
        $"🎉 Bonne nouvelle ! La conseillère a accepté ta demande du badge « {badge} ». Pour le recevoir, ouvre ce lien et complète la demande :";

    public static string ApprovedNoticeToIssue(string badge) =>
        $"🎉 Bonne nouvelle ! La conseillère a accepté ta demande du badge « {badge} ». La mairie va te l'envoyer : il me faut juste ton adresse mail.";

    public const string ApprovedNext =
        "Ensuite, dans Open Badge Passport, accepte le badge qui t'attend. Au début il est privé : pour le montrer, ouvre-le, va dans l'onglet « Partager » et passe-le en public. " +
        "Tu veux un QR code pour ton CV ? Envoie-moi le lien public de ton badge.";

    public static string RefusedNotice(string badge, string? reason) =>
        $"La conseillère n'a pas accepté ta demande du badge « {badge} » cette fois-ci." +
        (reason is null ? "" : $" Son explication : « {reason} ».") +
        "\n\nNe lâche rien 💪 Continue à venir le vendredi et à noter tes séances : tu pourras redemander ce badge plus tard.";

    private static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
