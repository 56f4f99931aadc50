using QRCoder;

namespace Bot.Dialogs.Groups;

/// <summary>For now the join link's QR code alone; the printable A4 poster replaces it.</summary>
public static class GroupPoster
{
    public static byte[] Render(string groupName, string joinCode, Uri joinLink)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(joinLink.ToString(), QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(10);
    }

    public static string AltText(string groupName, string joinCode, Uri joinLink) =>
        $"QR code pour rejoindre le groupe {groupName} : il ouvre {joinLink}. Code : {JoinCodes.Spaced(joinCode)}.";
}
