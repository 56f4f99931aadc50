namespace Bot.Dialogs.Qr;

internal static class QrTexts
{
    public const string MenuLabel = "QR code de mon badge";
    public const string Command = "Le QR code de ton badge pour ton CV";
    public const string CommandLink = "Le lien public de ton badge (onglet Partager)";
    public const string AskLink =
        "Envoie-moi le lien **public** de ton badge : tu le trouves dans l'onglet « Partager » du badge, une fois qu'il est public. " +
        "Il ressemble à https://openbadgepassport.com/app/badge/info/12345";
    public const string LinkExample = "Colle le lien complet de ton badge, il commence par https://";
    public const string Help = "Je transforme le lien public de ton badge en QR code, à mettre sur ton CV.";

    public static string Alt(string link) => $"QR code qui mène à ton badge : {link}";

    public static string Done(string link) =>
        "Voilà ton QR code ! Enregistre l'image et ajoute-la à ton CV : on la scanne avec un téléphone pour voir ton badge.\n\n" +
        $"Et ton lien, prêt à coller sur ton CV : {link}";

    public static string Problem(QrDialog.LinkCheck problem, string link, IReadOnlyList<string> trusted) => problem switch
    {
        QrDialog.LinkCheck.NotHttps => "Ce lien n'est pas sécurisé (il commence par http:// et pas https://). Copie le lien depuis l'onglet « Partager » de ton badge.",
        QrDialog.LinkCheck.TooLong => $"Ce lien est trop long ({link.Length} caractères) pour être celui d'un badge. Copie le lien depuis l'onglet « Partager » de ton badge.",
        _ => $"Je fais des QR codes seulement pour les liens de badges ({string.Join(", ", trusted)}), pour être sûr qu'ils mènent bien à un badge. " +
             "Copie le lien depuis l'onglet « Partager » de ton badge.",
    };
}
