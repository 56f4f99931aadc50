using Bot.Dialogs.Contributions;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Contributions;

/// <summary>The /jai-partagé journey, turn by turn, with the literal French a pupil reads. Today is Sunday 29 November 2026.</summary>
public class ContributionTranscriptTests : PupilConversationTests
{
    private const string Intro = "Super, on note ta séance du Peer to Peer ! 📝 Cinq petites questions, et c'est fini.";
    private const string DateQuestion = "C'était quelle séance ? Choisis la date, ou écris-la (par exemple « hier » ou « 20/11 »). [Vendredi 27 novembre | Vendredi 20 novembre | Tout remplir d'un coup]";
    private const string SharedQuestion = "Qu'est-ce que tu as partagé avec le groupe ? Une idée, un savoir-faire, un projet… raconte en quelques mots.";
    private const string LearnedQuestion = "Et qu'est-ce que tu as appris avec les autres ?";
    private const string DomainQuestion = "C'était plutôt dans quel domaine ? [Compétences numériques | Engagement citoyen | Savoir-être | Autre]";
    private const string LevelQuestion = "Et toi, où en es-tu ? Choisis ton niveau de 1 à 4 : [1 · Je découvre | 2 · Je progresse | 3 · Je sais faire | 4 · Je peux transmettre]";
    private const string Saved = "C'est enregistré ✅ Merci pour ta participation ! La conseillère verra ta séance au bilan du trimestre.";

    private static string Recap(string date, string shared, string learned, string domain, string level) =>
        "Voici ta séance :\n\n" +
        $"- **Date :** {date}\n- **Ce que tu as partagé :** {shared}\n- **Ce que tu as appris :** {learned}\n" +
        $"- **Domaine :** {domain}\n- **Ton niveau :** {level}\n\nJe l'enregistre ? [Oui, j'enregistre | Non, je modifie]";

    private Task<List<Contribution>> SavedAsync() => Bot.WithDbAsync(db => db.Contributions.AsNoTracking().ToListAsync());

    /// <summary>Answers every question up to the recap.</summary>
    private async Task FillAsync(string date = "vendredi", string shared = "Comment monter une vidéo", string learned = "Faire un podcast")
    {
        await Bot.SayAsync("/jai-partagé");
        await Bot.SayAsync(date);
        await Bot.SayAsync(shared);
        await Bot.SayAsync(learned);
        await Bot.ClickAsync("domain:DigitalSkills", "Compétences numériques");
        await Bot.SayAsync("3");
    }

    [Fact]
    public async Task HappyPath_AsksEachQuestionInOrder_ShowsTheRecap_AndSaves()
    {
        Assert.Equal([Intro, DateQuestion], await Bot.SayAsync("/jai-partagé"));
        Assert.Equal(["📅 Séance du vendredi 27 novembre 2026.", SharedQuestion], await Bot.SayAsync("vendredi"));
        Assert.Equal([LearnedQuestion], await Bot.SayAsync("J'ai montré comment monter une vidéo"));
        Assert.Equal([DomainQuestion], await Bot.SayAsync("À faire un podcast avec Tom"));
        Assert.Equal([LevelQuestion], await Bot.ClickAsync("domain:DigitalSkills", "Compétences numériques"));
        Assert.Equal(
            [Recap("vendredi 27 novembre 2026", "J'ai montré comment monter une vidéo", "À faire un podcast avec Tom", "Compétences numériques", "3 – Je sais faire")],
            await Bot.SayAsync("trois"));
        Assert.Equal([Saved], await Bot.SayAsync("ouais"));

        var saved = Assert.Single(await SavedAsync());
        Assert.Equal(new DateOnly(2026, 11, 27), saved.SessionDate);
        Assert.Equal("J'ai montré comment monter une vidéo", saved.Shared);
        Assert.Equal("À faire un podcast avec Tom", saved.Learned);
        Assert.Equal(ContributionDomain.DigitalSkills, saved.Domain);
        Assert.Equal(3, saved.Level);
    }

    [Fact]
    public async Task TheCommandCanPrefillTheDate()
    {
        Assert.Equal([Intro, "📅 Séance du vendredi 27 novembre 2026.", SharedQuestion], await Bot.SayAsync("/jai-partagé vendredi dernier"));
    }

    [Fact]
    public async Task TheDateButton_AndTypedDomainAndLevel_Work()
    {
        await Bot.SayAsync("j'ai partagé");
        Assert.Equal([SharedQuestion], await Bot.ClickAsync("date:2026-11-20", "Vendredi 20 novembre"));
        await Bot.SayAsync("Un débat sur le harcèlement");
        await Bot.SayAsync("Écouter les autres");
        Assert.Equal([LevelQuestion], await Bot.SayAsync("citoyen"));
        var recap = await Bot.SayAsync("4/4");
        Assert.Equal(Recap("vendredi 20 novembre 2026", "Un débat sur le harcèlement", "Écouter les autres", "Engagement citoyen", "4 – Je peux transmettre"), Assert.Single(recap));
    }

    [Fact]
    public async Task SayingNoAtTheRecap_LetsThePupilChangeOneAnswer_ThenComesBackToTheRecap()
    {
        await FillAsync();
        Assert.Equal(["Qu'est-ce que tu veux changer ? [La date | Ce que j'ai partagé | Ce que j'ai appris | Le domaine | Mon niveau | Rien, c'est bon]"],
            await Bot.SayAsync("non"));
        Assert.Equal([LevelQuestion], await Bot.SayAsync("mon niveau"));
        Assert.Equal([Recap("vendredi 27 novembre 2026", "Comment monter une vidéo", "Faire un podcast", "Compétences numériques", "4 – Je peux transmettre")],
            await Bot.SayAsync("4"));
        Assert.Equal([Saved], await Bot.ClickAsync("recap:yes", "Oui, j'enregistre"));
        Assert.Equal(4, Assert.Single(await SavedAsync()).Level);
    }

    [Fact]
    public async Task ChangingTheDateFromTheRecap_ReadsItBackAndReturnsToTheRecap()
    {
        await FillAsync();
        await Bot.ClickAsync("recap:no", "Non, je modifie");
        Assert.Equal([DateQuestion], await Bot.ClickAsync("edit:date", "La date"));
        var replies = await Bot.SayAsync("20/11");
        Assert.Equal("📅 Séance du vendredi 20 novembre 2026.", replies[0]);
        Assert.StartsWith("Voici ta séance :\n\n- **Date :** vendredi 20 novembre 2026\n", replies[1]);
    }

    [Fact]
    public async Task AFutureDate_IsRefused_AndTheQuestionAskedAgain()
    {
        await Bot.SayAsync("/jai-partagé");
        Assert.Equal(
            ["Le lundi 30 novembre 2026, c'est dans le futur ! On ne peut noter qu'une séance qui a déjà eu lieu.", DateQuestion],
            await Bot.SayAsync("demain"));
        Assert.Equal(
            ["Le vendredi 4 décembre 2026, c'est dans le futur ! On ne peut noter qu'une séance qui a déjà eu lieu.", DateQuestion],
            await Bot.ClickAsync("date:2026-12-04", "Vendredi 4 décembre"));
        Assert.Equal(["📅 Séance du vendredi 27 novembre 2026.", SharedQuestion], await Bot.SayAsync("vendredi"));
    }

    [Fact]
    public async Task TheSessionBeforeTheHolidays_IsFoundInTheGroupsCalendar_AndShownInTheRecap()
    {
        await Bot.SayAsync("/jai-partagé");
        // Sunday 29 November: the last holidays were the Toussaint's (17 October to 1 November); Christmas's are still to come.
        Assert.Equal(["📅 Séance du vendredi 16 octobre 2026.", SharedQuestion], await Bot.SayAsync("la dernière séance avant les vacances"));
        await Bot.SayAsync("Un débat");
        await Bot.SayAsync("Écouter");
        await Bot.ClickAsync("domain:CivicEngagement", "Engagement citoyen");
        Assert.StartsWith("Voici ta séance :\n\n- **Date :** vendredi 16 octobre 2026\n", Assert.Single(await Bot.SayAsync("2")));
    }

    [Fact]
    public async Task TheSessionBeforeHolidaysToCome_IsRefusedAsFuture()
    {
        await Bot.SayAsync("/jai-partagé");
        Assert.Equal(
            ["Le vendredi 18 décembre 2026, c'est dans le futur ! On ne peut noter qu'une séance qui a déjà eu lieu.", DateQuestion],
            await Bot.SayAsync("juste avant noël"));
    }

    [Fact]
    public async Task AnUnreadableDate_IsReaskedWithAnExample_AndHelpIsOfferedAfterTwoMisses()
    {
        await Bot.SayAsync("/jai-partagé");
        Assert.Equal(
            ["Je n'ai pas compris. Écris la date comme ça : « vendredi », « hier », « le 20 novembre » ou « 20/11 ».", DateQuestion],
            await Bot.SayAsync("euh je sais plus"));
        Assert.Equal(
        [
            "Je n'ai pas compris. Écris la date comme ça : « vendredi », « hier », « le 20 novembre » ou « 20/11 ».\n\nTu bloques ? Écris « aide », ou « annuler » pour tout arrêter.",
            "C'était quelle séance ? Choisis la date, ou écris-la (par exemple « hier » ou « 20/11 »). [Vendredi 27 novembre | Vendredi 20 novembre | Tout remplir d'un coup | Aide | Annuler]",
        ], await Bot.SayAsync("bof"));
        Assert.Equal(["Il me faut le jour précis de la séance, par exemple « vendredi dernier » ou « 20/11 ».", DateQuestion],
            await Bot.SayAsync("la semaine dernière"));
    }

    [Fact]
    public async Task AnIsoDateOnDayZero_IsReasked_NotAnApology()
    {
        await Bot.SayAsync("/jai-partagé");
        Assert.Equal(
            ["Je n'ai pas compris. Écris la date comme ça : « vendredi », « hier », « le 20 novembre » ou « 20/11 ».", DateQuestion],
            await Bot.SayAsync("2026-11-00"));
        Assert.Equal(["📅 Séance du vendredi 27 novembre 2026.", SharedQuestion], await Bot.SayAsync("vendredi"));
    }

    [Fact]
    public async Task AnOverlongText_GetsAClearMessage_AndIsNotKept()
    {
        await Bot.SayAsync("/jai-partagé vendredi");
        var overlong = new string('a', 1001);
        Assert.Equal(
            ["Ton texte fait 1\u202f001 caractères : c'est trop long, le maximum est 1\u202f000. Raccourcis-le un peu et renvoie-le (rien n'a été gardé).", SharedQuestion],
            await Bot.SayAsync(overlong));
        Assert.Equal([LearnedQuestion], await Bot.SayAsync(new string('b', 1000)));
        Assert.DoesNotContain(overlong, await Bot.WithDbAsync(db => db.Conversations.Select(c => c.State).SingleAsync()));
    }

    [Fact]
    public async Task Aide_MidWay_ExplainsAndAsksTheSameQuestionAgain()
    {
        await Bot.SayAsync("/jai-partagé vendredi");
        await Bot.SayAsync("Un tuto Canva");
        Assert.Equal(
        [
            "Je suis l'assistant Peer to Peer de l'Espace Info Jeunes de Vire Normandie.",
            "Tu es en train de noter ta séance du vendredi : la date, ce que tu as partagé, ce que tu as appris, le domaine et ton niveau.\n\nÀ tout moment, écris « annuler » pour arrêter (rien ne sera enregistré).",
            LearnedQuestion,
        ], await Bot.SayAsync("aide"));
        Assert.Equal([DomainQuestion], await Bot.SayAsync("Le montage photo"));
    }

    [Fact]
    public async Task Annuler_MidWay_StopsAndSavesNothing()
    {
        await Bot.SayAsync("/jai-partagé vendredi");
        await Bot.SayAsync("Un tuto Canva");
        Assert.Equal(["C'est annulé, rien n'a été enregistré. Tu peux recommencer quand tu veux. [Noter ma séance | Créer mon compte | Les badges | QR code de mon badge | Mes données | Une question]"], await Bot.SayAsync("Annuler"));
        Assert.StartsWith("Je ne suis pas sûr d'avoir compris ta question", Assert.Single(await Bot.SayAsync("Le montage photo")));
        Assert.Empty(await SavedAsync());
    }

    [Fact]
    public async Task Stop_WhenNothingIsGoingOn_SaysSo()
    {
        Assert.Equal(["Il n'y a rien en cours à annuler. [Noter ma séance | Créer mon compte | Les badges | QR code de mon badge | Mes données | Une question]"],
            await Bot.SayAsync("stop"));
    }

    [Fact]
    public async Task ASecondLogForTheSameDate_CanReplaceTheFirst()
    {
        await FillAsync(shared: "Premier essai");
        await Bot.SayAsync("oui");
        await Bot.SayAsync("/jai-partagé");
        Assert.Equal(["Tu as déjà noté une séance le vendredi 27 novembre 2026. Tu veux la remplacer, ou en ajouter une autre ? [Remplacer l'ancienne | En ajouter une autre]"],
            await Bot.SayAsync("vendredi"));
        Assert.Equal([SharedQuestion], await Bot.SayAsync("remplacer"));
        await Bot.SayAsync("Deuxième essai");
        await Bot.SayAsync("Plein de choses");
        await Bot.SayAsync("savoir être");
        await Bot.SayAsync("2");
        Assert.Equal(["C'est mis à jour ✅ Ta séance a bien été remplacée."], await Bot.SayAsync("oui"));

        var saved = Assert.Single(await SavedAsync());
        Assert.Equal("Deuxième essai", saved.Shared);
        Assert.Equal(ContributionDomain.SoftSkills, saved.Domain);
    }

    [Fact]
    public async Task ASecondLogForTheSameDate_CanBeAdded()
    {
        await FillAsync(shared: "Premier");
        await Bot.SayAsync("oui");
        await Bot.SayAsync("/jai-partagé vendredi");
        Assert.Equal([SharedQuestion], await Bot.ClickAsync("duplicate:add", "En ajouter une autre"));
        await Bot.SayAsync("Second");
        await Bot.SayAsync("Autre chose");
        await Bot.SayAsync("autre");
        await Bot.SayAsync("1");
        Assert.Equal([Saved], await Bot.SayAsync("oui"));
        Assert.Equal(["Premier", "Second"], (await SavedAsync()).Select(c => c.Shared).Order());
    }

    [Fact]
    public async Task TheFormButton_SendsAFormPrefilledWithTheLastFriday()
    {
        await Bot.SayAsync("/jai-partagé");
        Assert.Equal(["form contribution: date=2026-11-27, shared=, learned=, domain=, level="],
            await Bot.ClickAsync("contribution:form", "Tout remplir d'un coup"));
    }

    [Fact]
    public async Task ASubmittedForm_AnswersEveryQuestionAtOnce()
    {
        var replies = await Bot.SubmitAsync("contribution", new()
        {
            ["date"] = "2026-11-27", ["shared"] = "Un atelier vinyle", ["learned"] = "La découpeuse", ["domain"] = "domain:Other", ["level"] = "level:2",
        });
        Assert.Equal([Recap("vendredi 27 novembre 2026", "Un atelier vinyle", "La découpeuse", "Autre", "2 – Je progresse")], replies);
        Assert.Equal([Saved], await Bot.SayAsync("oui"));
        Assert.Equal("Un atelier vinyle", Assert.Single(await SavedAsync()).Shared);
    }

    [Fact]
    public async Task AFormWithBadFields_KeepsTheGoodOnes_AndAsksForTheRest()
    {
        await Bot.SayAsync("/jai-partagé");
        var replies = await Bot.SubmitAsync("contribution", new()
        {
            ["date"] = "2026-12-25", ["shared"] = "Un atelier vinyle", ["learned"] = "", ["domain"] = "domain:Other", ["level"] = "level:9",
        });
        Assert.Equal(
        [
            "« Date de la séance » : Le vendredi 25 décembre 2026, c'est dans le futur ! On ne peut noter qu'une séance qui a déjà eu lieu.",
            "« Mon niveau » : Réponds par un chiffre de 1 à 4, par exemple « 3 » ou « trois ».",
            DateQuestion,
        ], replies);
        await Bot.SayAsync("vendredi");
        Assert.Equal([LevelQuestion], await Bot.SayAsync("Le vinyle"));
    }
}
