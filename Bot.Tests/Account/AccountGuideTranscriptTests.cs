using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Account;

public class AccountGuideTranscriptTests : PupilConversationTests
{
    private const string Buttons = "[C'est fait ✅ | J'ai un souci | Plus tard]";
    private const string Step1 = "**Étape 1 sur 4** : va sur **www.openbadgepassport.com** et clique sur le bouton « Inscrivez-vous c'est gratuit ». " + Buttons;
    private const string Step2 = "**Étape 2 sur 4** : le site te montre d'abord ses conditions d'utilisation. Lis-les, puis accepte-les pour continuer, comme sur tous les sites où l'on s'inscrit. " + Buttons;
    private const string Step3 = "**Étape 3 sur 4** : remplis la page de tes informations personnelles. Mets bien les tiennes : c'est toi qui recevras les badges ! Note ton identifiant et ton mot de passe dans un endroit sûr, tu en auras besoin pour te reconnecter. " + Buttons;
    private const string Step4 = "**Étape 4 sur 4** : ouvre ta boîte mail. Open Badge Passport t'a envoyé un message : clique sur le lien qu'il contient pour confirmer ton inscription. " + Buttons;



    [Fact]
    public async Task TheFourSteps_OneAtATime_ThenTheAccountIsReady()
    {
        Assert.Equal(
        [
            "Je t'accompagne pour créer ton compte Open Badge Passport : c'est ton « passeport », l'endroit où tu ranges tes badges. Il y a 4 étapes, dis-moi quand chacune est faite.",
            Step1,
        ], await Bot.SayAsync("je sais pas m'inscrire"));
        Assert.Equal([Step2], await Bot.ClickAsync("account:done", "C'est fait ✅"));
        Assert.Equal([Step3], await Bot.SayAsync("c'est fait"));
        Assert.Equal([Step4], await Bot.SayAsync("ok"));
        Assert.Equal(
            ["Bravo, ton compte est prêt ! 🎉 Tes badges apparaîtront sur la page d'accueil de ton compte. Astuce : quand tu demandes un badge, donne la même adresse mail que pour ton compte. [Les badges du Peer to Peer]"],
            await Bot.SayAsync("fait"));
        Assert.Equal(0, await Bot.WithDbAsync(db => db.GuideProgress.CountAsync()));
    }

    [Fact]
    public async Task ATrouble_GetsItsAnswer_AndTheSameStepAgain()
    {
        await Bot.SayAsync("/compte");
        await Bot.SayAsync("c'est fait");
        await Bot.SayAsync("c'est fait");
        await Bot.SayAsync("c'est fait");
        Assert.Equal(["Qu'est-ce qui bloque ? [Pas reçu le mail | Mon badge n'apparaît pas | Mot de passe oublié | Autre chose]"],
            await Bot.ClickAsync("account:trouble", "J'ai un souci"));
        Assert.Equal(
        [
            "Pas de mail ? Regarde d'abord dans tes **spams** (courrier indésirable). Les messageries des collèges et lycées bloquent parfois ces mails : une adresse perso marche souvent mieux. " +
            "Vérifie aussi qu'il n'y a pas de faute dans ton adresse ; sinon, refais l'inscription avec la bonne.",
            "Si ça bloque encore, va voir l'Espace Info Jeunes – Espace Public Numérique de Vire Normandie. On reprend :",
            Step4,
        ], await Bot.SayAsync("j'ai pas reçu le mail"));
    }

    [Theory]
    [InlineData("trouble:badge", "Un badge n'apparaît que si l'adresse mail où il a été envoyé est **ajoutée et vérifiée** dans ton compte.")]
    [InlineData("trouble:password", "Mot de passe oublié ? Sur la page de connexion d'Open Badge Passport")]
    [InlineData("trouble:other", "Pour ça, le mieux est de demander de l'aide en vrai : va voir l'Espace Info Jeunes – Espace Public Numérique de Vire Normandie")]
    public async Task EachTrouble_HasItsAnswer(string choice, string start)
    {
        await Bot.SayAsync("/compte");
        await Bot.SayAsync("j'ai un souci");
        Assert.StartsWith(start, (await Bot.ClickAsync(choice, "…"))[0]);
    }

    [Fact]
    public async Task APupilCanStop_AndResumeWhereTheyWere()
    {
        await Bot.SayAsync("/compte");
        await Bot.SayAsync("c'est fait");
        await Bot.SayAsync("c'est fait");
        Assert.Equal(["Pas de souci ! Écris /compte quand tu veux : on reprendra à l'étape 3."], await Bot.ClickAsync("account:later", "Plus tard"));
        await Bot.SayAsync("/jai-partagé");
        await Bot.SayAsync("annuler");

        Assert.Equal(["Tu t'étais arrêté à l'étape 3 sur 4. On reprend là ? [Reprendre | Recommencer]"], await Bot.SayAsync("/compte"));
        Assert.Equal([Step3], await Bot.SayAsync("reprendre"));
    }

    [Fact]
    public async Task AnnulerKeepsTheProgress_AndRecommencerStartsAgain()
    {
        await Bot.SayAsync("/compte");
        await Bot.SayAsync("c'est fait");
        await Bot.SayAsync("annuler");
        Assert.Equal(["Tu t'étais arrêté à l'étape 2 sur 4. On reprend là ? [Reprendre | Recommencer]"], await Bot.SayAsync("créer mon compte"));
        Assert.Equal([Step1], await Bot.ClickAsync("account:restart", "Recommencer"));
    }
}
