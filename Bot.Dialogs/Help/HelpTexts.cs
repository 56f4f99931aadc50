namespace Bot.Dialogs.Help;

/// <summary>The answers to free questions, in our own words, from the programme's guide.</summary>
internal static class HelpTexts
{
    public const string TopicsChoiceId = "help:topics";
    public const string TopicsLabel = "Une question";
    public const string TopicsIntro = "Sur quel sujet ? Tu peux aussi écrire ta question avec tes mots.";
    public const string Unknown = "Je ne suis pas sûr d'avoir compris ta question 🤔 Voici les sujets que je connais :";

    public static string InPerson(string contact) =>
        $"Pour une aide en vrai, va voir {contact} : on peut t'aider à créer ton compte, à gérer tes badges ou à répondre à tes questions.";

    public static string Contact(string contact) => $"Et pour parler à quelqu'un en vrai, va voir {contact}.";

    /// <summary>Intent → (button label, answer). The order is the order of the topic buttons.</summary>
    public static readonly IReadOnlyList<(string Intent, string Label, string Answer)> Topics =
    [
        ("what_badge", "C'est quoi un Open Badge ?",
            "Un Open Badge, c'est une image numérique qui prouve ce que tu as appris ou fait : une compétence, un engagement, une façon d'être avec les autres.\n\n" +
            "Il contient des infos qu'on peut vérifier : qui te l'a donné, pour quoi, et quand. Tu les ranges dans ton compte Open Badge Passport (ton « passeport » de badges) et tu peux les montrer, sur un CV par exemple."),
        ("read_badge", "Lire un badge",
            "Clique sur un badge de ton passeport pour voir tous ses détails :\n\n" +
            "- sa **validité** : la date où il expire ;\n- sa **visibilité** : privé, public… ;\n" +
            "- son **visuel** : l'image dit ce qui a été validé (compétences, savoir-être, savoir-faire, contexte) ;\n" +
            "- l'**émetteur** : qui l'a donné, pour nous la Mairie de Vire Normandie ;\n- son **nom** ;\n" +
            "- le **nombre de personnes** qui l'ont reçu.\n\nTu y trouves aussi ses **critères** : ce qu'il faut avoir fait pour l'obtenir."),
        ("request_badge", "Demander un badge",
            "Pour demander un badge sur Open Badge Passport :\n\n" +
            "1. Dans ton compte, ouvre l'onglet **Galerie**, en haut. Tu peux y chercher un badge, avec des critères de recherche si besoin.\n" +
            "2. Ouvre le badge qui t'intéresse et lis ses **critères** : ce sont les conditions pour l'avoir.\n" +
            "3. Fais ta demande : tu peux l'**enregistrer** pour la finir plus tard, ou l'**envoyer** tout de suite.\n\n" +
            "Tu as peut-être aussi reçu un lien par mail qui t'amène directement à la demande. Pour les badges du Peer to Peer, écris /badges."),
        ("after_approval", "Après la validation",
            "Quand ta demande est acceptée, le badge arrive dans ton passeport : s'il est en attente, accepte-le.\n\n" +
            "Attention, au début il est **privé** : toi seul le vois. Pour le montrer (sur un CV par exemple), il faut le rendre public."),
        ("make_public", "Rendre un badge public",
            "Pour rendre ton badge public :\n\n" +
            "1. Clique sur le badge dans ton passeport.\n2. Va dans l'onglet **Partager**.\n" +
            "3. Passe-le en **public** : un lien et un QR code apparaissent.\n\n" +
            "Colle le lien sur ton CV (pratique pour une candidature par mail), ou ajoute le QR code comme une image. Tu peux aussi choisir quelles infos du badge s'affichent.\n\n" +
            "Envoie-moi le lien de ton badge et je te fais un QR code !"),
        ("programme", "Le Peer to Peer",
            "Le Peer to Peer, c'est le rendez-vous du **vendredi** que la ville de Vire Normandie propose dans ton établissement (selon ton emploi du temps) : on partage, on débat, on crée et on apprend les uns des autres, sur les sujets qui vous intéressent.\n\n" +
            "La conseillère en information jeunesse t'aide à monter tes projets. À la **fin de chaque trimestre**, elle fait le bilan de ce que tu as appris, et peut te donner un ou plusieurs Open Badges.\n\n" +
            "Pour tes parents, la « note aux familles » explique que c'est un dispositif de la commune de Vire Normandie dans ton établissement."),
        ("contact", "Parler à quelqu'un", ""),
    ];

    public static readonly IReadOnlyDictionary<string, string> FollowUps = new Dictionary<string, string>
    {
        ["request_badge"] = "start:badges",
        ["after_approval"] = "help:make_public",
        ["make_public"] = "start:qr",
    };
}
