using Bot.Tests.Support;

namespace Bot.Tests.Help;

public class HelpTranscriptTests : PupilConversationTests
{


    [Fact]
    public async Task MakingABadgePublic_GetsThePartagerTabSteps_AndTheOfferOfAQrCode()
    {
        Assert.Equal(
        [
            "Pour rendre ton badge public :\n\n1. Clique sur le badge dans ton passeport.\n2. Va dans l'onglet **Partager**.\n" +
            "3. Passe-le en **public** : un lien et un QR code apparaissent.\n\n" +
            "Colle le lien sur ton CV (pratique pour une candidature par mail), ou ajoute le QR code comme une image. Tu peux aussi choisir quelles infos du badge s'affichent.\n\n" +
            "Envoie-moi le lien de ton badge et je te fais un QR code ! [Faire un QR code]",
        ], await Bot.SayAsync("comment je rends mon badge public"));
    }

    [Theory]
    [InlineData("c koi un open badge", "Un Open Badge, c'est une image numérique")]
    [InlineData("mon badge il expire quand", "Clique sur un badge de ton passeport pour voir tous ses détails")]
    [InlineData("ou est la galerie pour demander un badge", "Pour demander un badge sur Open Badge Passport")]
    [InlineData("mon badge a ete valide mais il est prive", "Quand ta demande est acceptée, le badge arrive dans ton passeport")]
    [InlineData("c'est quand le peer to peer", "Le Peer to Peer, c'est le rendez-vous du **vendredi**")]
    [InlineData("je veux parler a quelqu'un", "Pour une aide en vrai, va voir l'Espace Info Jeunes – Espace Public Numérique de Vire Normandie")]
    public async Task FreeQuestions_GetTheirTopic(string question, string answerStart) =>
        Assert.StartsWith(answerStart, (await Bot.SayAsync(question))[0]);

    [Fact]
    public async Task AQuestionAskingForADialog_StartsIt()
    {
        Assert.StartsWith("Je t'accompagne pour créer ton compte", (await Bot.SayAsync("jsais pas comment on cree un compte"))[0]);
    }

    [Fact]
    public async Task AnUnknownQuestion_IsAdmittedHonestly_WithTheTopicsAndTheContact()
    {
        Assert.Equal(
        [
            "Je ne suis pas sûr d'avoir compris ta question 🤔 Voici les sujets que je connais :\n\n" +
            "Et pour parler à quelqu'un en vrai, va voir l'Espace Info Jeunes – Espace Public Numérique de Vire Normandie. " +
            "[C'est quoi un Open Badge ? | Lire un badge | Demander un badge | Après la validation | Rendre un badge public | Le Peer to Peer | Parler à quelqu'un]",
        ], await Bot.SayAsync("tu aimes la pizza ?"));
    }

    [Fact]
    public async Task ATopicButton_AnswersIt_AndLeavesAnActiveDialogWhereItWas()
    {
        await Bot.SayAsync("/jai-partagé vendredi");
        var replies = await Bot.ClickAsync("help:what_badge", "C'est quoi un Open Badge ?");
        Assert.StartsWith("Un Open Badge, c'est une image numérique", replies[0]);
        Assert.StartsWith("Qu'est-ce que tu as partagé avec le groupe ?", replies[^1]);
    }
}
