namespace Bot.Dialogs.Engine;

/// <summary>What the engine itself says, whatever the dialog.</summary>
internal static class EngineTexts
{
    public const string HelpChoiceId = "global:help";
    public const string CancelChoiceId = "global:cancel";

    public static readonly Choice HelpChoice = new(HelpChoiceId, "Aide");
    public static readonly Choice CancelChoice = new(CancelChoiceId, "Annuler");

    public const string Welcome = "Salut ! 👋 Je suis l'assistant Peer to Peer de l'Espace Info Jeunes de Vire Normandie.";
    public const string WelcomePrivacy =
        "Je garde ton identifiant sur ce chat et ce que tu me racontes de tes séances, pour que la conseillère puisse faire le bilan du trimestre avec toi. " +
        "Tu peux tout voir ou tout effacer quand tu veux : écris « mes données ».";
    public const string CounsellorOnly = "Cette commande est réservée à la conseillère.";
    public const string WhatCanIDo = "Voilà ce que je peux faire pour toi :";
    public const string NotUnderstood = "Je n'ai pas compris.";
    public const string OfferHelp = "Tu bloques ? Écris « aide », ou « annuler » pour tout arrêter.";
    public const string Cancelled = "C'est annulé, rien n'a été enregistré. Tu peux recommencer quand tu veux.";
    public const string NothingToCancel = "Il n'y a rien en cours à annuler.";
    public const string HelpTitle = "Je suis l'assistant Peer to Peer de l'Espace Info Jeunes de Vire Normandie.";
    public const string HelpInDialog = "À tout moment, écris « annuler » pour arrêter (rien ne sera enregistré).";
    public const string HelpCommand = "Ce que le bot sait faire";
    public const string Crashed =
        "Oups, j'ai eu un souci de mon côté 😕 Ce que tu étais en train de remplir n'a pas été enregistré. Tu peux recommencer.";
    public const string Raced = "Deux actions se sont croisées : rien n'a été enregistré. Renvoie ton dernier message, s'il te plaît.";
    public const string UnknownButton = "Ce bouton n'est plus valable. Voilà où on en est :";

    // The lists below are written from the command catalogue, once, at start.

    public static string WelcomeCounsellor(IEnumerable<CommandDeclaration> yours) =>
        $"Bonjour ! Je suis l'assistant Peer to Peer de l'Espace Info Jeunes. Vous êtes reconnue comme conseillère. Vos commandes :\n\n{Lines(yours)}";

    /// <summary>What "aide" says to a pupil, outside any dialog.</summary>
    public static string GeneralHelp(IEnumerable<CommandDeclaration> commands) =>
        $"Voici ce que tu peux m'écrire :\n\n{Lines(commands)}\n\nTu peux aussi me poser une question avec tes mots.";

    public static string CounsellorHelp(IEnumerable<CommandDeclaration> yours, IEnumerable<CommandDeclaration> pupils) =>
        $"Vos commandes :\n\n{Lines(yours)}\n\nCelles des élèves : {string.Join(", ", pupils.Select(c => "/" + c.Name))}.";

    /// <summary>One command a line: "- **/qr** lien : le QR code…", an optional argument in brackets.</summary>
    private static string Lines(IEnumerable<CommandDeclaration> commands) =>
        string.Join("\n", commands.Select(c => $"- **/{c.Name}**{Argument(c.Argument)} : {CommandDeclaration.LowerFirst(c.Description)}"));

    private static string Argument(CommandArgument? argument) => argument switch
    {
        null => "",
        { Required: true } => " " + argument.Name,
        _ => $" ({argument.Name})",
    };
}
