using Bot.Dialogs.Badges;
using Bot.Dialogs.Engine;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Badges;

public class BadgesTranscriptTests : PupilConversationTests
{
    private const string Choose = "Tu veux en demander un ? [Demander : Engagement citoyen | Demander : Compétences numériques | Non, pas maintenant]";
    private const string MessageQuestion = "Tu veux ajouter un petit mot pour la conseillère ? Par exemple ce que tu as fait pour mériter ce badge. Écris-le, ou choisis « Sans message ». [Sans message]";


    private Task<List<BadgeRequest>> RequestsAsync() => Bot.WithDbAsync(db => db.BadgeRequests.AsNoTracking().ToListAsync());

    [Fact]
    public async Task TheCatalogue_ListsBothBadgesWithTheirCriteria()
    {
        Assert.Equal(
        [
            "Voici les badges du Peer to Peer, délivrés par la Mairie de Vire Normandie :",
            "**Engagement citoyen**\n\nPour ton engagement.\n\n**Critères :** Venir souvent.",
            "**Compétences numériques**\n\nPour ce que tu sais faire en numérique.\n\n**Critères :** Montrer un outil.",
            Choose,
        ], await Bot.SayAsync("/badges"));
    }

    [Fact]
    public async Task ARequest_IsRecordedAsPending_WithItsMessage_AndGivesTheClaimLink()
    {
        await Bot.SayAsync("/badges");
        Assert.Equal([MessageQuestion], await Bot.SayAsync("le badge numérique"));
        Assert.Equal(
        [
            "C'est noté ✅ Ta demande du badge « Compétences numériques » est transmise à la conseillère. Remplis aussi la demande sur Open Badge Factory avec ce lien, pour qu'elle puisse te l'envoyer :",
            "LinkReply",
            "Et ensuite ? La conseillère regarde tes séances au bilan du trimestre. Si elle accepte ta demande, je te préviens ici, et le badge arrivera dans ton compte Open Badge Passport.",
        ], await Bot.SayAsync("J'ai appris la découpeuse vinyle aux autres"));
        var link = Assert.IsType<LinkReply>(Bot.LastReplies[1]);
        Assert.Equal("https://openbadgefactory.com/c/earnablebadge/NUM/apply", link.Url.ToString());

        var request = Assert.Single(await RequestsAsync());
        Assert.Equal("competences-numeriques", request.BadgeId);
        Assert.Equal(BadgeRequestStatus.Pending, request.Status);
        Assert.Equal("J'ai appris la découpeuse vinyle aux autres", request.Message);
    }

    [Fact]
    public async Task ARequestWithoutMessage_AndASecondRequestForTheSameBadge_IsNotDuplicated()
    {
        await Bot.SayAsync("/badges");
        await Bot.ClickAsync("badge:engagement-citoyen", "Demander : Engagement citoyen");
        await Bot.ClickAsync("badge:nomessage", "Sans message");
        Assert.Null(Assert.Single(await RequestsAsync()).Message);

        await Bot.SayAsync("/badges");
        var replies = await Bot.ClickAsync("badge:engagement-citoyen", "Demander : Engagement citoyen");
        Assert.Equal("Tu as déjà demandé le badge « Engagement citoyen » le dimanche 29 novembre 2026 : la conseillère ne l'a pas encore regardé. Tu recevras un message dès qu'elle aura décidé.", replies[0]);
        Assert.Single(await RequestsAsync());
    }

    [Fact]
    public async Task AnAmbiguousOrUnknownBadge_IsAskedAgain()
    {
        await Bot.SayAsync("/badges");
        Assert.Equal(["Je n'ai pas compris. Choisis le badge que tu veux demander, avec un bouton ou en écrivant son nom.", Choose],
            await Bot.SayAsync("le badge de cuisine"));
        Assert.Empty(await RequestsAsync());
    }

    [Fact]
    public async Task AnOverlongMessage_IsRefusedAndNothingIsRecorded()
    {
        await Bot.SayAsync("/badges");
        await Bot.SayAsync("citoyen");
        Assert.Equal(["Ton message fait 501 caractères : le maximum est 500. Raccourcis-le et renvoie-le (rien n'a été gardé).", MessageQuestion],
            await Bot.SayAsync(new string('x', 501)));
        Assert.Empty(await RequestsAsync());
    }
}
