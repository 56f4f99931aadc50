using Bot.Dialogs.Engine;

namespace Bot.Dialogs.Groups;

/// <summary>What groups say, in French: "tu" to pupils, "vous" to counsellors.</summary>
internal static class GroupTexts
{
    public const string JoinCommand = "Rejoindre ton groupe Peer to Peer avec son code";
    public const string CodeArgument = "Le code du groupe (6 caractères, sur l'affiche)";
    public const string AskCode = "D'abord, dis-moi le code de ton groupe Peer to Peer : 6 caractères, sur l'affiche de la salle "
        + "ou donnés par ta conseillère.";
    public const string CodeExample = "Tape juste les 6 caractères, par exemple K7P 2QX.";
    public const string JoinHelp = "Le code de ton groupe est sur l'affiche (sous le QR code) ; ta conseillère peut aussi te le donner.";
    public const string Closed = "Ce groupe est fermé : il n'accueille plus de nouveaux élèves. Demande le bon code à ta conseillère.";
    public const string CounsellorsDoNotJoin = "Les conseillères ne rejoignent pas un groupe avec un code : "
        + "l'administrateur vous ajoute à vos groupes (invitation).";

    public static string Joined(string name) => $"C'est fait : tu es dans le groupe **{name}**. 👋";

    public static string AlreadyIn(string name) => $"Tu es déjà dans le groupe **{name}**.";

    public const string MoveQuestion = "Tu changes de groupe ?";
    public const string MoveExample = "Réponds oui pour changer de groupe, ou non pour rester.";
    public const string Stays = "D'accord, tu restes dans ton groupe.";
    public static readonly Choice MoveYes = new("join:move", "Oui, je change");
    public static readonly Choice MoveNo = new("join:stay", "Non, je reste");

    public static string ConfirmMove(string from, string to) =>
        $"Tu es dans le groupe **{from}**. Tu veux passer au groupe **{to}** ? Ce que tu as déjà noté restera dans {from}.";

    public static string Moved(string from, string to) =>
        $"Tu quittes le groupe **{from}** pour **{to}**. Tes séances déjà notées restent dans {from}.";

    public static string WrongCode(int left) => left == 1
        ? "Je ne connais pas ce code. Vérifie-le sur l'affiche : encore une erreur et il faudra attendre un peu."
        : $"Je ne connais pas ce code. Vérifie-le sur l'affiche (encore {left} essais).";

    public static string Locked(DateTime until) =>
        $"Trop de codes faux d'affilée : réessaie après {ParisTime.Time(until)}. Ta conseillère peut te redonner le bon code.";

    // The counsellor's side.
    public const string GroupCommand = "Choisir le groupe que vous suivez, voir son code et son affiche";
    public const string NoGroup = "Vous n'êtes conseillère d'aucun groupe pour l'instant : demandez à l'administrateur de vous "
        + "inviter pour votre groupe.";
    public const string WhichGroup = "Vous suivez plusieurs groupes : lequel voulez-vous voir ?";
    public const string PosterChoice = "Affiche à imprimer";

    public static string Looking(string name, string code, Uri link) =>
        $"Vous suivez le groupe **{name}**.\n\nCode pour le rejoindre : **{JoinCodes.Spaced(code)}**\n\nLien : {link}";

    public static string NotYours => "Ce groupe n'est pas l'un des vôtres.";
}
