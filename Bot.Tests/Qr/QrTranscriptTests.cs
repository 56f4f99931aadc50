using Bot.Dialogs.Engine;
using Bot.Tests.Support;

namespace Bot.Tests.Qr;

public class QrTranscriptTests : PupilConversationTests
{
    private const string AskLink =
        "Envoie-moi le lien **public** de ton badge : tu le trouves dans l'onglet « Partager » du badge, une fois qu'il est public. " +
        "Il ressemble à https://openbadgepassport.com/app/badge/info/12345";
    private const string Untrusted =
        "Je fais des QR codes seulement pour les liens de badges (openbadgepassport.com, openbadgefactory.com), pour être sûr qu'ils mènent bien à un badge. " +
        "Copie le lien depuis l'onglet « Partager » de ton badge.";

    [Theory]
    [InlineData("https://openbadgepassport.com/app/badge/info/123456")]
    [InlineData("https://openbadgepassport.com/app/badge/info/AbC-789?lang=fr")]
    [InlineData("https://www.openbadgefactory.com/c/earnablebadge/XYZ/apply")]
    public async Task ABadgeLink_GivesAPngThatDecodesBackToTheExactLink(string link)
    {
        var replies = await Bot.SayAsync($"/qr {link}");
        var image = Assert.IsType<ImageReply>(Bot.LastReplies[0]);
        Assert.Equal(link, QrImages.Decode(image.Png));
        Assert.Equal($"QR code qui mène à ton badge : {link}", image.AltText);
        Assert.Equal(
            "Voilà ton QR code ! Enregistre l'image et ajoute-la à ton CV : on la scanne avec un téléphone pour voir ton badge.\n\n" +
            $"Et ton lien, prêt à coller sur ton CV : {link}", replies[1]);
    }

    [Fact]
    public async Task AskingForAQrCode_AsksForTheLink_ThenMakesIt()
    {
        Assert.Equal([AskLink], await Bot.SayAsync("fais-moi un QR code"));
        await Bot.SayAsync("https://openbadgepassport.com/app/badge/info/42");
        Assert.Equal("https://openbadgepassport.com/app/badge/info/42", QrImages.Decode(Assert.IsType<ImageReply>(Bot.LastReplies[0]).Png));
    }

    [Fact]
    public async Task ABadgeLinkPastedOnItsOwn_GetsItsQrCode()
    {
        await Bot.SayAsync("https://openbadgepassport.com/app/badge/info/42");
        Assert.IsType<ImageReply>(Bot.LastReplies[0]);
    }

    [Theory]
    [InlineData("https://evil.example.com/app/badge/info/1")]
    [InlineData("https://openbadgepassport.com.evil.example/x")]
    [InlineData("https://user@openbadgepassport.com/app/badge/info/1")]
    [InlineData("https://openbadgepassport.com:8443/app/badge/info/1")]
    public async Task AnUntrustedLink_IsRefused(string link)
    {
        Assert.Equal([Untrusted, AskLink], await Bot.SayAsync($"/qr {link}"));
        Assert.DoesNotContain(Bot.LastReplies, r => r is ImageReply);
    }

    [Fact]
    public async Task APlainHttpLink_IsRefused() =>
        Assert.Equal(
            ["Ce lien n'est pas sécurisé (il commence par http:// et pas https://). Copie le lien depuis l'onglet « Partager » de ton badge.", AskLink],
            await Bot.SayAsync("/qr http://openbadgepassport.com/app/badge/info/1"));

    [Theory]
    [InlineData("mon badge")]
    [InlineData("openbadgepassport")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://openbadgepassport.com/x")]
    public async Task AMalformedLink_IsNotUnderstood(string link) =>
        Assert.Equal(["Je n'ai pas compris. Colle le lien complet de ton badge, il commence par https://", AskLink], await Bot.SayAsync($"/qr {link}"));

    [Fact]
    public async Task ATooLongLink_IsRefused()
    {
        var replies = await Bot.SayAsync("/qr https://openbadgepassport.com/" + new string('a', 500));
        Assert.StartsWith("Ce lien est trop long (530 caractères)", replies[0]);
    }
}
