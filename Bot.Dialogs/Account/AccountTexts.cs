namespace Bot.Dialogs.Account;

internal static class AccountTexts
{
    public const string MenuLabel = "Créer mon compte";
    public const string Command = "Créer ton compte Open Badge Passport, étape par étape";
    public const int Steps = 4;
    public const string Intro = "Je t'accompagne pour créer ton compte Open Badge Passport : c'est ton « passeport », l'endroit où tu ranges tes badges. Il y a 4 étapes, dis-moi quand chacune est faite.";

    public static readonly string[] StepTexts =
    [
        "**Étape 1 sur 4** : va sur **www.openbadgepassport.com** et clique sur le bouton « Inscrivez-vous c'est gratuit ».",
        "**Étape 2 sur 4** : le site te montre d'abord ses conditions d'utilisation. Lis-les, puis accepte-les pour continuer, comme sur tous les sites où l'on s'inscrit.",
        "**Étape 3 sur 4** : remplis la page de tes informations personnelles. Mets bien les tiennes : c'est toi qui recevras les badges ! Note ton identifiant et ton mot de passe dans un endroit sûr, tu en auras besoin pour te reconnecter.",
        "**Étape 4 sur 4** : ouvre ta boîte mail. Open Badge Passport t'a envoyé un message : clique sur le lien qu'il contient pour confirmer ton inscription.",
    ];

    public static readonly Engine.Choice Done = new("account:done", "C'est fait ✅");
    public static readonly Engine.Choice Trouble = new("account:trouble", "J'ai un souci");
    public static readonly Engine.Choice Later = new("account:later", "Plus tard");
    public static readonly Engine.Choice Resume = new("account:resume", "Reprendre");
    public static readonly Engine.Choice Restart = new("account:restart", "Recommencer");

    public static string ResumeQuestion(int step) => $"Tu t'étais arrêté à l'étape {step} sur 4. On reprend là ?";
    public const string ResumeExample = "Réponds « reprendre » ou « recommencer ».";
    public const string StepExample = "Dis-moi « c'est fait » quand c'est bon, ou « j'ai un souci » si ça bloque.";
    public static string LaterText(int step) => $"Pas de souci ! Écris /compte quand tu veux : on reprendra à l'étape {step}.";
    public const string Finished = "Bravo, ton compte est prêt ! 🎉 Tes badges apparaîtront sur la page d'accueil de ton compte. Astuce : quand tu demandes un badge, donne la même adresse mail que pour ton compte.";
    public const string Help = "Je t'explique pas à pas comment créer ton compte Open Badge Passport.";

    public const string TroubleQuestion = "Qu'est-ce qui bloque ?";
    public const string TroubleExample = "Choisis ce qui bloque : le mail, un badge qui n'apparaît pas, le mot de passe, ou autre chose.";
    public static readonly IReadOnlyList<Engine.Choice> TroubleChoices =
    [
        new("trouble:mail", "Pas reçu le mail"), new("trouble:badge", "Mon badge n'apparaît pas"),
        new("trouble:password", "Mot de passe oublié"), new("trouble:other", "Autre chose"),
    ];

    public const string NoMail =
        "Pas de mail ? Regarde d'abord dans tes **spams** (courrier indésirable). Les messageries des collèges et lycées bloquent parfois ces mails : une adresse perso marche souvent mieux. " +
        "Vérifie aussi qu'il n'y a pas de faute dans ton adresse ; sinon, refais l'inscription avec la bonne.";
    public const string BadgeMissing =
        "Un badge n'apparaît que si l'adresse mail où il a été envoyé est **ajoutée et vérifiée** dans ton compte. " +
        "Va dans les paramètres de ton compte, à la partie des adresses e-mail : ajoute cette adresse, puis clique sur le lien de vérification que tu recevras.";
    public const string Password =
        "Mot de passe oublié ? Sur la page de connexion d'Open Badge Passport, utilise le lien pour le réinitialiser : tu recevras un mail pour en choisir un nouveau (pense à regarder dans les spams).";
    public static string Other(string contact) => $"Pour ça, le mieux est de demander de l'aide en vrai : va voir {contact}, on t'aidera à régler ça.";
    public static string StillStuck(string contact) => $"Si ça bloque encore, va voir {contact}. On reprend :";
}
