using Bot.Dialogs.Notices;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Review;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Bot.Tests.Review;

/// <summary>The counsellor's side, on Sunday 29 November 2026 (first trimester): Léa logged two sessions and asked for a badge, Tom logged one.</summary>
public class ReviewTranscriptTests : IAsyncLifetime
{
    private DialogHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await LogAsync("lea", "Léa", "vendredi", "Un tuto Canva", "numérique", "2");
        await LogAsync("lea", "Léa", "20/11", "Un débat", "citoyen", "3");
        await LogAsync("tom", "Tom", "vendredi", "La badgeuse", "numérique", "1");
        await LogAsync("sam", "Sam", "vendredi", "Un jeu", "autre", "2");
        await LogAsync("sam", "Sam", "20/11", "Un quiz", "autre", "3");
        foreach (var turn in new[] { "/badges", "numérique", "J'ai montré Canva à tout le monde" }) await _bot.PupilSaysAsync("lea", "Léa", turn);
        await _bot.CounsellorSaysAsync("bonjour"); // past her welcome
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task LogAsync(string id, string name, string date, string shared, string domain, string level)
    {
        foreach (var turn in new[] { $"/jai-partagé {date}", shared, "Plein de choses", domain, level, "oui" }) await _bot.PupilSaysAsync(id, name, turn);
    }

    private Task<BadgeRequest> RequestAsync() => _bot.WithDbAsync(db => db.BadgeRequests.AsNoTracking().SingleAsync());

    [Fact]
    public async Task Suivi_ShowsTheTrimesterAtAGlance()
    {
        var replies = await _bot.CounsellorSaysAsync("/suivi");
        Assert.Equal(
            "**1er trimestre 2026-2027** (du mardi 1er septembre 2026 au vendredi 18 décembre 2026)\n\n" +
            "- 3 élèves ont participé, 5 séances notées\n" +
            "- domaines : Compétences numériques 2, Engagement citoyen 1, Autre 2\n" +
            "- 1 demande de badge en attente\n" +
            "- plusieurs séances et pas encore de demande : Sam (2 séances) [Demandes en attente | Exporter (CSV) | Clore le bilan]",
            replies[^1]);
        // The chart comes before the text, its alt text saying the numbers.
        Assert.Equal("ImageReply", replies[^2]);
        Assert.Equal(
            "Graphique du 1er trimestre 2026-2027. Élèves qui ont noté une séance, par vendredi : 20 novembre 2, 27 novembre 3 ; " +
            "aucun les 12 autres vendredis de classe ; vacances les vendredis 23 octobre et 30 octobre. " +
            "Séances par domaine : Compétences numériques 2, Engagement citoyen 1, Savoir-être 0, Autre 2.",
            Assert.IsType<ImageReply>(_bot.LastReplies[^2]).AltText);
    }

    [Fact]
    public async Task Demandes_ListsEachPendingRequest_WithThePupilsTrimester_AndButtonsThatStay()
    {
        var replies = await _bot.CounsellorSaysAsync("/demandes");
        var request = await RequestAsync();
        Assert.Equal(
            "**Léa** demande le badge « Compétences numériques » (le dimanche 29 novembre 2026)\n\n" +
            "Son message : « J'ai montré Canva à tout le monde »\n\n" +
            "Ce trimestre : 2 séances (Engagement citoyen ×1, Compétences numériques ×1), niveaux 3 → 2. [Approuver | Refuser]", replies[^1]);
        var buttons = Assert.IsType<ChoicesReply>(_bot.LastReplies[^1]);
        Assert.True(buttons.Inline);
        Assert.Equal($"start:review:approve:{request.Id:N}", buttons.Choices[0].Id);
    }

    [Fact]
    public async Task Approving_DecidesOnce_AndThePupilGetsTheClaimLink()
    {
        var request = await RequestAsync();
        Assert.Equal(["✅ C'est validé : Léa peut recevoir le badge « Compétences numériques ». Je lui envoie le lien pour le récupérer."],
            await _bot.CounsellorSaysAsync("Approuver", $"start:review:approve:{request.Id:N}"));

        var decided = await RequestAsync();
        Assert.Equal(BadgeRequestStatus.Approved, decided.Status);
        Assert.Equal("Mme Martin", decided.DecidedBy);
        Assert.Equal(OutboxStatus.Delivered, Assert.Single(await _bot.WithDbAsync(db => db.Outbox.ToListAsync())).Status);

        var (to, notice) = Assert.Single(_bot.Notices.Sent);
        Assert.Equal("lea", to);
        Assert.Equal("🎉 Bonne nouvelle ! La conseillère a accepté ta demande du badge « Compétences numériques ». Pour le recevoir, ouvre ce lien et complète la demande :",
            Assert.IsType<TextReply>(notice[0]).Text);
        Assert.Equal("https://openbadgefactory.com/c/earnablebadge/NUM/apply", Assert.IsType<LinkReply>(notice[1]).Url.ToString());
        Assert.StartsWith("Ensuite, dans Open Badge Passport, accepte le badge qui t'attend. Au début il est privé", Assert.IsType<ChoicesReply>(notice[2]).Text);

        // The same button again (a replay, a second click): refused, nothing sent twice.
        Assert.Equal(["Cette demande a déjà été acceptée par Mme Martin le dimanche 29 novembre 2026."],
            await _bot.CounsellorSaysAsync("Approuver", $"start:review:approve:{request.Id:N}"));
        Assert.Single(_bot.Notices.Sent);
    }

    [Fact]
    public async Task Refusing_AsksForAnOptionalReason_AndThePupilGetsItWithEncouragement()
    {
        var request = await RequestAsync();
        Assert.Equal(["Pour quelle raison ? L'élève la lira, avec un mot d'encouragement. Vous pouvez aussi refuser sans donner de raison. [Sans raison]"],
            await _bot.CounsellorSaysAsync("Refuser", $"start:review:refuse:{request.Id:N}"));
        Assert.Equal(["C'est noté : la demande de Léa pour le badge « Compétences numériques » est refusée. Je lui transmets votre réponse."],
            await _bot.CounsellorSaysAsync("Il faut encore une ou deux séances sur le numérique"));

        Assert.Equal(BadgeRequestStatus.Refused, (await RequestAsync()).Status);
        var (_, notice) = Assert.Single(_bot.Notices.Sent);
        Assert.Equal(
            "La conseillère n'a pas accepté ta demande du badge « Compétences numériques » cette fois-ci. Son explication : « Il faut encore une ou deux séances sur le numérique ».\n\n" +
            "Ne lâche rien 💪 Continue à venir le vendredi et à noter tes séances : tu pourras redemander ce badge plus tard.",
            Assert.IsType<TextReply>(notice[0]).Text);
    }

    [Fact]
    public async Task APupil_CannotApproveOrRefuse_EvenWithTheRightButtonPayload()
    {
        var request = await RequestAsync();
        Assert.Equal(["Cette commande est réservée à la conseillère."], await _bot.PupilSaysAsync("tom", "Tom", "Approuver", $"start:review:approve:{request.Id:N}"));
        Assert.Equal(["Cette commande est réservée à la conseillère."], await _bot.PupilSaysAsync("lea", "Léa", "Refuser", $"start:review:refuse:{request.Id:N}"));
        Assert.Equal(["Cette commande est réservée à la conseillère."], await _bot.PupilSaysAsync("tom", "Tom", "/demandes"));
        Assert.Equal(BadgeRequestStatus.Pending, (await RequestAsync()).Status);
        Assert.Empty(_bot.Notices.Sent);
    }

    [Theory]
    [InlineData("start:review:approve:00000000000000000000000000000000")]
    [InlineData("start:review:approve:not-a-guid")]
    public async Task AForgedRequestId_IsNotFound(string payload) =>
        Assert.Equal(["Je ne trouve pas cette demande."], await _bot.CounsellorSaysAsync("Approuver", payload));

    [Fact]
    public async Task TwoCounsellorsClickingAtOnce_DecideOnce_AndThePupilIsToldOnce()
    {
        var request = await RequestAsync();
        var clicks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _bot.CounsellorSaysAsync("Approuver", $"start:review:approve:{request.Id:N}")));
        Assert.Single(clicks, c => c[0].StartsWith("✅ C'est validé", StringComparison.Ordinal));
        Assert.Single(_bot.Notices.Sent);
        Assert.Equal(BadgeRequestStatus.Approved, (await RequestAsync()).Status);
    }

    [Fact]
    public async Task TwoSavesOfOneDecision_CannotBothWin()
    {
        // Deterministic version of the race: both load the pending request, the second save must fail.
        var request = await RequestAsync();
        await _bot.WithDbAsync(async first => await _bot.WithDbAsync(async second =>
        {
            var a = await first.BadgeRequests.SingleAsync(r => r.Id == request.Id);
            var b = await second.BadgeRequests.SingleAsync(r => r.Id == request.Id);
            a.Status = BadgeRequestStatus.Approved;
            b.Status = BadgeRequestStatus.Refused;
            await first.SaveChangesAsync();
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        }));
        Assert.Equal(BadgeRequestStatus.Approved, (await RequestAsync()).Status);
    }

    [Fact]
    public async Task Eleve_FindsAPupilLoosely_AndShowsTheirTrimester()
    {
        var replies = await _bot.CounsellorSaysAsync("/eleve lea");
        Assert.Equal(
            "**Léa**, 1er trimestre 2026-2027\n\n" +
            "- vendredi 20 novembre 2026 : Engagement citoyen, niveau 3 – Je sais faire\n  partagé : « Un débat »\n  appris : « Plein de choses »\n" +
            "- vendredi 27 novembre 2026 : Compétences numériques, niveau 2 – Je progresse\n  partagé : « Un tuto Canva »\n  appris : « Plein de choses »\n" +
            "\nPas encore de bilan du trimestre." +
            "\nDemandes : Compétences numériques (en attente)", replies[^1]);
        Assert.Equal(
            "Graphique des séances de Léa au 1er trimestre 2026-2027, avec son niveau de 1 à 4 : " +
            "vendredi 20 novembre, Engagement citoyen, niveau 3 ; vendredi 27 novembre, Compétences numériques, niveau 2.",
            Assert.IsType<ImageReply>(_bot.LastReplies[^2]).AltText);
        Assert.StartsWith("**Tom**", (await _bot.CounsellorSaysAsync("/élève TOMM"))[^1]);
        Assert.Equal(["Je ne trouve aucun élève qui ressemble à « Zoé »."], await _bot.CounsellorSaysAsync("/eleve Zoé"));
    }

    [Fact]
    public async Task Eleve_WithSeveralMatches_AsksWhichOne()
    {
        await _bot.PupilSaysAsync("lea2", "Léa B.", "bonjour");
        var replies = await _bot.CounsellorSaysAsync("/eleve léa");
        Assert.StartsWith("Plusieurs élèves correspondent. Lequel ? [Léa | Léa B.]", replies[^1]);
    }

    [Fact]
    public async Task Export_GivesACsvThatParsesBackWithOneRowPerPupil()
    {
        await _bot.CounsellorSaysAsync("/export");
        var file = Assert.IsType<FileReply>(_bot.LastReplies[^1]);
        Assert.Equal("suivi-1er-trimestre-2026-2027.csv", file.Name);
        Assert.Equal("text/csv", file.ContentType);
        var rows = Csv.Parse(System.Text.Encoding.UTF8.GetString(file.Content));
        Assert.Equal(TrimesterExport.Header, rows[0]);
        Assert.Equal(["Léa", "Sam", "Tom"], rows.Skip(1).Select(r => r[0]));
        var lea = rows[1];
        Assert.Equal(["Léa", "lea", "2", "20/11/2026, 27/11/2026", "Engagement citoyen (1), Compétences numériques (1)", "3, 2", "",
            "Compétences numériques", "en attente", ""], lea);
    }

    [Fact]
    public async Task APupilsTrimesterSelfAssessment_IsSavedOnce_AndShownInTheReviewAndTheExport()
    {
        Assert.Equal(
        [
            "Ton bilan du 1er trimestre 2026-2027, en 4 questions. Pour chacune, choisis ton niveau de 1 à 4.",
            "**Savoir-faire** : ce que tu sais faire de concret (un outil, une technique, un projet mené). Où en es-tu ? [1 · Je découvre | 2 · Je progresse | 3 · Je sais faire | 4 · Je peux transmettre]",
        ], await _bot.PupilSaysAsync("lea", "Léa", "Faire mon bilan", "start:selfassessment"));
        Assert.StartsWith("**Savoir-être**", (await _bot.PupilSaysAsync("lea", "Léa", "3"))[0]);
        Assert.StartsWith("Je n'ai pas compris. Réponds par un chiffre de 1 à 4", (await _bot.PupilSaysAsync("lea", "Léa", "bof"))[0]);
        Assert.StartsWith("**Compétences numériques**", (await _bot.PupilSaysAsync("lea", "Léa", "deux"))[0]);
        await _bot.PupilSaysAsync("lea", "Léa", "4/4");
        Assert.Equal(["Merci ! Ton bilan est enregistré ✅ La conseillère le verra au bilan du trimestre."], await _bot.PupilSaysAsync("lea", "Léa", "level:1", "level:1"));
        // Done again: replaced, not added.
        foreach (var answer in new[] { "/bilan", "3", "3", "4", "2" }) await _bot.PupilSaysAsync("lea", "Léa", answer);
        Assert.Equal(1, await _bot.WithDbAsync(db => db.TrimesterSelfAssessments.CountAsync()));

        Assert.Contains("\nSon bilan du trimestre : savoir-faire 3, savoir-être 3, numérique 4, citoyen 2.", (await _bot.CounsellorSaysAsync("/eleve léa"))[^1]);
        await _bot.CounsellorSaysAsync("/export");
        var rows = Csv.Parse(System.Text.Encoding.UTF8.GetString(Assert.IsType<FileReply>(_bot.LastReplies[^1]).Content));
        Assert.Equal("savoir-faire 3, savoir-être 3, numérique 4, citoyen 2", rows[1][6]);
    }

    [Fact]
    public async Task APupilWhoCannotBeReached_IsReportedToTheCounsellor()
    {
        _bot.Notices.Unreachable.Add("lea");
        var request = await RequestAsync();
        var replies = await _bot.CounsellorSaysAsync("Approuver", $"start:review:approve:{request.Id:N}");
        Assert.EndsWith("Je ne peux pas lui écrire (aucune conversation ouverte avec le bot) : prévenez-le ou prévenez-la de vive voix.", replies[0]);
        Assert.Equal(OutboxStatus.Unreachable, Assert.Single(await _bot.WithDbAsync(db => db.Outbox.ToListAsync())).Status);
        Assert.Empty(_bot.Notices.Sent);
    }
}
