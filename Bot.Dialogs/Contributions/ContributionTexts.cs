using System.Globalization;
using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Contributions;

/// <summary>Everything the session log says to a pupil, in one place.</summary>
internal static class ContributionTexts
{
    public const string MenuLabel = "Noter ma séance";
    public const string Command = "Noter ce que tu as partagé et appris à la séance du vendredi";
    public const string Intro = "Super, on note ta séance du Peer to Peer ! 📝 Cinq petites questions, et c'est fini.";
    public const string DateQuestion = "C'était quelle séance ? Choisis la date, ou écris-la (par exemple « hier » ou « 20/11 »).";
    public const string DateExample = "Écris la date comme ça : « vendredi », « hier », « le 20 novembre » ou « 20/11 ».";
    public const string DateVague = "Il me faut le jour précis de la séance, par exemple « vendredi dernier » ou « 20/11 ».";
    public const string FormChoiceLabel = "Tout remplir d'un coup";
    public const string SharedQuestion = "Qu'est-ce que tu as partagé avec le groupe ? Une idée, un savoir-faire, un projet… raconte en quelques mots.";
    public const string LearnedQuestion = "Et qu'est-ce que tu as appris avec les autres ?";
    public const string FreeTextExample = "Écris ta réponse en quelques mots.";
    public const string DomainQuestion = "C'était plutôt dans quel domaine ?";
    public const string DomainExample = "Choisis un bouton, ou écris par exemple « numérique », « citoyen », « savoir-être » ou « autre ».";
    public const string LevelQuestion = "Et toi, où en es-tu ? Choisis ton niveau de 1 à 4 :";
    public const string LevelExample = "Réponds par un chiffre de 1 à 4, par exemple « 3 » ou « trois ».";
    public const string RecapQuestion = "Je l'enregistre ?";
    public const string RecapExample = "Réponds « oui » pour enregistrer, ou « non » pour changer une réponse.";
    public const string EditQuestion = "Qu'est-ce que tu veux changer ?";
    public const string EditExample = "Choisis ce que tu veux changer : la date, ce que tu as partagé, ce que tu as appris, le domaine ou ton niveau.";
    public const string DayCheckExample = "Réponds « oui » pour garder ce jour, ou écris la bonne date.";
    public const string DuplicateExample = "Réponds « remplacer » ou « ajouter ».";
    public const string Saved = "C'est enregistré ✅ Merci pour ta participation ! La conseillère verra ta séance au bilan du trimestre.";
    public const string Replaced = "C'est mis à jour ✅ Ta séance a bien été remplacée.";
    public const string Changed = "C'est modifié ✅ La conseillère verra ta séance corrigée, avec la date du changement.";
    public const string Unchanged = "Rien n'a changé : ta séance reste comme elle était 👍";
    public const string UnknownSession = "Je ne trouve pas cette séance. Tape /mes-séances pour voir celles que tu as notées.";
    public const string Help = "Tu es en train de noter ta séance du vendredi : la date, ce que tu as partagé, ce que tu as appris, le domaine et ton niveau.";
    public const string FormTitle = "Ma séance Peer to Peer";
    public const string FormSubmit = "Valider";
    public const string FormDate = "Date de la séance";
    public const string FormShared = "Ce que j'ai partagé";
    public const string FormLearned = "Ce que j'ai appris";
    public const string FormDomain = "Domaine";
    public const string FormLevel = "Mon niveau";

    public static readonly Choice ReplaceChoice = new("duplicate:replace", "Remplacer l'ancienne");
    public static readonly Choice AddChoice = new("duplicate:add", "En ajouter une autre");
    public static readonly Choice YesChoice = new("recap:yes", "Oui, j'enregistre");
    public static readonly Choice NoChoice = new("recap:no", "Non, je modifie");
    public static readonly Choice OtherDate = new("daycheck:other", "Une autre date");
    public static readonly Choice FormChoice = new("contribution:form", FormChoiceLabel);

    public static readonly IReadOnlyList<Choice> EditChoices =
    [
        new("edit:date", "La date"), new("edit:shared", "Ce que j'ai partagé"), new("edit:learned", "Ce que j'ai appris"),
        new("edit:domain", "Le domaine"), new("edit:level", "Mon niveau"), new("edit:none", "Rien, c'est bon"),
    ];

    public static readonly IReadOnlyDictionary<ContributionDomain, string> Domains = new Dictionary<ContributionDomain, string>
    {
        [ContributionDomain.DigitalSkills] = "Compétences numériques",
        [ContributionDomain.CivicEngagement] = "Engagement citoyen",
        [ContributionDomain.SoftSkills] = "Savoir-être",
        [ContributionDomain.Other] = "Autre",
    };

    public static readonly IReadOnlyList<string> Levels = ["Je découvre", "Je progresse", "Je sais faire", "Je peux transmettre"];

    public static readonly IReadOnlyList<Choice> DomainChoices = [.. Domains.Select(d => new Choice($"domain:{d.Key}", d.Value))];
    public static readonly IReadOnlyList<Choice> LevelChoices = [.. Levels.Select((l, i) => new Choice($"level:{i + 1}", $"{i + 1} · {l}"))];

    public static string LevelLabel(int level) => $"{level} – {Levels[level - 1]}";

    public static string DateRead(DateOnly date) => $"📅 Séance du {ParisTime.LongDate(date)}.";

    /// <summary>"samedi 28 novembre".</summary>
    public static string DayAndMonth(DateOnly date) => CommandDeclaration.LowerFirst(ParisTime.ShortDate(date));

    public static string DayCheck(DayOfWeek sessionDay, DateOnly date) =>
        $"Les séances ont lieu le {ParisTime.French.DateTimeFormat.GetDayName(sessionDay)} : c'était bien {DayAndMonth(date)} ?";

    public const string KeepDayId = "daycheck:keep";
    public static Choice KeepDay(DateOnly date) => new(KeepDayId, $"Oui, {DayAndMonth(date)}");

    public static string EditIntro(DateOnly date) => $"On corrige ta séance du {ParisTime.LongDate(date)} ✏️";

    public static string Closed(string trimester) =>
        $"La conseillère a clos le bilan du {trimester} : ses séances ne peuvent plus être modifiées. Si quelque chose ne va pas, parles-en avec elle.";

    public static string ClosedDate(string trimester) =>
        $"Ce jour-là fait partie du {trimester}, dont la conseillère a clos le bilan : on ne peut plus y noter de séance. Choisis une autre date, ou " +
            "parles-en avec elle.";

    public static string InFuture(DateOnly date) =>
        $"Le {ParisTime.LongDate(date)}, c'est dans le futur ! On ne peut noter qu'une séance qui a déjà eu lieu.";

    public static string TooOld(DateOnly date) =>
        $"Le {ParisTime.LongDate(date)}, c'est il y a plus de six mois. Vérifie la date : on note les séances des six derniers mois.";

    public static string Duplicate(DateOnly date) =>
        $"Tu as déjà noté une séance le {ParisTime.LongDate(date)}. Tu veux la remplacer, ou en ajouter une autre ?";

    public static string TooLong(int length) =>
        $"Ton texte fait {length.ToString("N0", ParisTime.French)} caractères : c'est trop long, le maximum est {Contribution.MaxTextLength.ToString("N0", ParisTime.French)}. " +
        "Raccourcis-le un peu et renvoie-le (rien n'a été gardé).";

    public static string FormProblem(string field, string problem) => $"« {field} » : {problem}";

    public static string Recap(ContributionDraft d) =>
        "Voici ta séance :\n\n" +
        $"- **Date :** {ParisTime.LongDate(d.Date!.Value)}\n" +
        $"- **Ce que tu as partagé :** {d.Shared}\n" +
        $"- **Ce que tu as appris :** {d.Learned}\n" +
        $"- **Domaine :** {Domains[d.Domain!.Value]}\n" +
        $"- **Ton niveau :** {LevelLabel(d.Level!.Value)}\n\n" +
        RecapQuestion;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
