namespace Bot.Dialogs.Groups;

internal static class GroupPosterTexts
{
    public const string Programme = "Peer to Peer";
    public const string CodeLabel = "Code du groupe";
    public const string WhatFor =
        "Avec le bot, tu notes tes séances du vendredi et tu demandes tes Open\u00A0Badges, "
        + "des badges numériques qui montrent ce que tu sais faire.";
    public const string HowToJoin =
        "Pour rejoindre le groupe, scanne le QR code avec ton téléphone ou tape le code ci-dessus dans le chat.";

    // The code spelled out too, so that a screen reader reads it one character at a time.
    public static string Alt(string groupName, string joinCode, Uri joinLink) =>
        $"Affiche pour rejoindre le groupe {Programme} « {groupName} » : "
        + $"un QR code qui mène à {joinLink.AbsoluteUri}, "
        + $"et le code du groupe à taper dans le chat, {joinCode} ({string.Join(' ', joinCode.ToCharArray())}).";
}
