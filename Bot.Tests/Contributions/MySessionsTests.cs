using Bot.Dialogs.Contributions;
using Bot.Dialogs.Review;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Contributions;

/// <summary>
/// /mes-séances (issue 16, point 4): a pupil sees their sessions of the trimester, corrects or deletes one with a
/// confirmation, until the counsellor closes the trimester's review (/clore). Léa logged two sessions on Sunday 29 November
/// 2026; the tests go on on Monday 30 November.
/// </summary>
public sealed class MySessionsTests : IAsyncLifetime
{
    private const string List =
        "Tes séances du **1er trimestre 2026-2027** :\n\n" +
        "1. **vendredi 20 novembre 2026** · Engagement citoyen, niveau 2\n" +
        "2. **vendredi 27 novembre 2026** · Compétences numériques, niveau 3";
    private const string Which = "Laquelle veux-tu revoir, corriger ou supprimer ? [1 · Vendredi 20 novembre | 2 · Vendredi 27 novembre | Rien, merci]";
    private const string WhatToDo = "Tu veux la corriger ou la supprimer ? [Corriger | Supprimer | Retour à la liste]";
    private const string Closed =
        "La conseillère a clos le bilan du 1er trimestre 2026-2027 : ses séances ne peuvent plus être modifiées. Si quelque chose ne va pas, " +
            "parles-en avec elle.";

    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.Sunday);
    private DialogHarness Bot { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Bot = await DialogHarness.StartAsync(_clock);
        await Bot.SayAsync("bonjour");
        foreach (var turn in new[] { "/jai-partagé", "20/11", "Un débat", "Écouter", "citoyen", "2", "oui" }) await Bot.SayAsync(turn);
        foreach (var turn in new[] { "/jai-partagé", "vendredi", "Un tuto Canva", "Faire un podcast", "numérique", "3", "oui" }) await Bot.SayAsync(turn);
        await Bot.CounsellorSaysAsync("bonjour");
        _clock.Advance(TimeSpan.FromDays(1));
    }

    public async Task DisposeAsync() => await Bot.DisposeAsync();

    private Task<List<Contribution>> SessionsAsync() => Bot.WithDbAsync(db => db.Contributions.AsNoTracking().OrderBy(c => c.SessionDate).ToListAsync());

    [Fact]
    public async Task TheList_ShowsTheTrimestersSessions_WithAButtonEach()
    {
        Assert.Equal([List, Which], await Bot.SayAsync("/mes-séances"));
    }

    [Fact]
    public async Task ASessionPicked_ByNumberOrDate_IsShownInFull()
    {
        await Bot.SayAsync("/mes-seances");
        var shown = await Bot.SayAsync("2");
        Assert.Equal(
            ["Ta séance du **vendredi 27 novembre 2026** :\n\n- **Ce que tu as partagé :** Un tuto Canva\n- **Ce que tu as appris :** Faire un podcast\n" +
             "- **Domaine :** Compétences numériques\n- **Ton niveau :** 3 – Je sais faire", WhatToDo], shown);
        await Bot.SayAsync("/mes-séances");
        Assert.StartsWith("Ta séance du **vendredi 20 novembre 2026**", (await Bot.SayAsync("le 20/11"))[0]);
    }

    [Fact]
    public async Task Correcting_AsksWhatToChange_ThenSavesTheSameSession_MarkedForTheCounsellor()
    {
        var sessions = await SessionsAsync();
        await Bot.SayAsync("/mes-séances");
        await Bot.SayAsync("2");
        Assert.Equal(
            ["On corrige ta séance du vendredi 27 novembre 2026 ✏️",
             "Qu'est-ce que tu veux changer ? [La date | Ce que j'ai partagé | Ce que j'ai appris | Le domaine | Mon niveau | Rien, c'est bon]"],
            await Bot.ClickAsync($"start:contribution:edit:{sessions[1].Id:N}", "Corriger"));
        await Bot.ClickAsync("edit:level", "Mon niveau");
        var recap = Assert.Single(await Bot.SayAsync("4"));
        Assert.Contains("- **Ton niveau :** 4 – Je peux transmettre", recap);
        Assert.Equal(["C'est modifié ✅ La conseillère verra ta séance corrigée, avec la date du changement."], await Bot.SayAsync("oui"));

        var after = await SessionsAsync();
        Assert.Equal(2, after.Count);
        Assert.Equal(4, after[1].Level);
        Assert.Equal(sessions[1].Id, after[1].Id);
        Assert.True(after[1].UpdatedAt > after[1].CreatedAt);
        Assert.Equal(after[0].CreatedAt, after[0].UpdatedAt);

        var detail = string.Join("\n", await Bot.CounsellorSaysAsync("/eleve Léa"));
        Assert.Contains("- vendredi 27 novembre 2026 : Compétences numériques, niveau 4 – Je peux transmettre ✏️ corrigée par l'élève le lundi 30 " +
            "novembre 2026 à 10 h 00", detail);
        Assert.DoesNotContain("- vendredi 20 novembre 2026 : Engagement citoyen, niveau 2 – Je progresse ✏️", detail);
        await Bot.CounsellorSaysAsync("/export");
        var csv = System.Text.Encoding.UTF8.GetString(Assert.IsType<Bot.Dialogs.Engine.FileReply>(Bot.LastReplies[^1]).Content);
        Assert.Contains("Séances corrigées", csv);
        Assert.Contains("27/11/2026 (le 30/11/2026)", csv);
        Assert.DoesNotContain("20/11/2026 (le", csv);
    }

    [Fact]
    public async Task TypingCorriger_StartsTheSameCorrection_AndTheDateCanMove()
    {
        await Bot.SayAsync("/mes-séances");
        await Bot.SayAsync("1");
        Assert.Equal("On corrige ta séance du vendredi 20 novembre 2026 ✏️", (await Bot.SayAsync("corriger"))[0]);
        await Bot.SayAsync("la date");
        await Bot.SayAsync("vendredi 13 novembre");
        Assert.Equal(["C'est modifié ✅ La conseillère verra ta séance corrigée, avec la date du changement."], await Bot.SayAsync("oui"));
        Assert.Equal([new DateOnly(2026, 11, 13), new DateOnly(2026, 11, 27)], (await SessionsAsync()).Select(s => s.SessionDate));
    }

    [Fact]
    public async Task NothingChanged_SavesNothing()
    {
        await Bot.SayAsync("/mes-séances");
        await Bot.SayAsync("2");
        await Bot.SayAsync("corriger");
        await Bot.ClickAsync("edit:none", "Rien, c'est bon");
        Assert.Equal(["Rien n'a changé : ta séance reste comme elle était 👍"], await Bot.SayAsync("oui"));
        Assert.All(await SessionsAsync(), s => Assert.Equal(s.CreatedAt, s.UpdatedAt));
    }

    [Fact]
    public async Task Deleting_IsConfirmedFirst_ThenTheSessionIsGone()
    {
        await Bot.SayAsync("/mes-séances");
        await Bot.SayAsync("1");
        Assert.Equal(
            ["Tu veux vraiment supprimer ta séance du vendredi 20 novembre 2026 ? Elle sera effacée pour de bon, même pour la conseillère. [Oui, " +
                "supprimer | Non, la garder]"],
            await Bot.SayAsync("supprimer"));
        Assert.Equal(["C'est supprimé 🗑️ Ta séance du vendredi 20 novembre 2026 n'existe plus."], await Bot.SayAsync("oui"));
        Assert.Equal([new DateOnly(2026, 11, 27)], (await SessionsAsync()).Select(s => s.SessionDate));
    }

    [Fact]
    public async Task SayingNo_KeepsTheSession()
    {
        var sessions = await SessionsAsync();
        await Bot.ClickAsync($"start:mysessions:delete:{sessions[0].Id:N}", "Supprimer");
        Assert.Equal(["D'accord, je la garde telle quelle 👍"], await Bot.ClickAsync("mysessions:delete:no", "Non, la garder"));
        Assert.Equal(2, (await SessionsAsync()).Count);
    }

    [Fact]
    public async Task AnotherPupilsSession_CannotBeSeenCorrectedOrDeleted()
    {
        await Bot.PupilSaysAsync("tom", "Tom", "bonjour");
        var lea = (await SessionsAsync())[0].Id;
        const string Unknown = "Je ne trouve pas cette séance. Tape /mes-séances pour voir celles que tu as notées.";
        Assert.Equal([Unknown], await Bot.PupilSaysAsync("tom", "Tom", "Supprimer", $"start:mysessions:delete:{lea:N}"));
        Assert.Equal([Unknown], await Bot.PupilSaysAsync("tom", "Tom", "Voir", $"start:mysessions:show:{lea:N}"));
        Assert.Equal([Unknown], await Bot.PupilSaysAsync("tom", "Tom", "Corriger", $"start:contribution:edit:{lea:N}"));
        Assert.Equal(2, (await SessionsAsync()).Count);
    }

    [Fact]
    public async Task ClosingTheReview_IsAskedFirst_ThenStopsCorrections_AndReopeningAllowsThemAgain()
    {
        var sessions = await SessionsAsync();
        var ask = Assert.Single(await Bot.CounsellorSaysAsync("/clore"));
        Assert.StartsWith("Clore le bilan du **1er trimestre 2026-2027** ?", ask);
        Assert.EndsWith("[Oui, clore le bilan | Non, pas encore]", ask);
        Assert.Empty(await Bot.WithDbAsync(db => db.ClosedTrimesters.ToListAsync()));
        Assert.Equal(
            ["🔒 Le bilan du 1er trimestre 2026-2027 est clos : vos élèves ne peuvent plus modifier les séances de ce trimestre. " +
             "Pour le rouvrir : /clore."],
            await Bot.CounsellorSaysAsync("Oui, clore le bilan", Bot.LastChoice("Oui, clore le bilan").Id));

        await Bot.SayAsync("/mes-séances");
        var shown = await Bot.SayAsync("2");
        Assert.Equal(Closed, shown[^1]);
        Assert.Equal([Closed], await Bot.ClickAsync($"start:contribution:edit:{sessions[1].Id:N}", "Corriger"));
        Assert.Equal([Closed], await Bot.ClickAsync($"start:mysessions:delete:{sessions[0].Id:N}", "Supprimer"));
        await Bot.SayAsync("/jai-partagé");
        Assert.StartsWith("Ce jour-là fait partie du 1er trimestre 2026-2027, dont la conseillère a clos le bilan",
            (await Bot.SayAsync("vendredi 13 novembre"))[0]);
        Assert.Contains("🔒 bilan clos le lundi 30 novembre 2026 par Mme Martin", string.Join("\n", await Bot.CounsellorSaysAsync("/suivi")));

        Assert.EndsWith("[Rouvrir le bilan | Le laisser clos]", Assert.Single(await Bot.CounsellorSaysAsync("/clore")));
        var reopen = Bot.LastChoice("Rouvrir le bilan");
        Assert.StartsWith("🔓 Le bilan du 1er trimestre 2026-2027 est rouvert", Assert.Single(await Bot.CounsellorSaysAsync(reopen.Label, reopen.Id)));
        Assert.Equal("On corrige ta séance du vendredi 27 novembre 2026 ✏️", (await Bot.ClickAsync($"start:contribution:edit:{sessions[1].Id:N}",
            "Corriger"))[0]);
    }

    [Fact]
    public async Task AReviewClosedWhileThePupilCorrects_WinsAtTheRecap()
    {
        await Bot.SayAsync("/mes-séances");
        await Bot.SayAsync("2");
        await Bot.SayAsync("corriger");
        await Bot.ClickAsync("edit:level", "Mon niveau");
        await Bot.SayAsync("1");
        await Bot.CounsellorSaysAsync("/clore");
        await Bot.CounsellorSaysAsync("Oui, clore le bilan", Bot.LastChoice("Oui, clore le bilan").Id);
        Assert.Equal([Closed], await Bot.SayAsync("oui"));
        Assert.Equal(3, (await SessionsAsync())[1].Level);
    }

    [Fact]
    public async Task AnOldCloseButton_DoesNotCloseTheNextTrimester_WithoutAsking()
    {
        await Bot.CounsellorSaysAsync("/clore");
        var confirm = Bot.LastChoice("Oui, clore le bilan");
        // Left unanswered until January: the trimester under review is now the second one.
        _clock.Advance(TimeSpan.FromDays(42));
        var replies = await Bot.CounsellorSaysAsync(confirm.Label, confirm.Id);
        Assert.Empty(await Bot.WithDbAsync(db => db.ClosedTrimesters.ToListAsync()));
        Assert.StartsWith("Clore le bilan du **2e trimestre 2026-2027** ?", replies[^1]);
    }

    [Fact]
    public async Task OnlyCounsellorsClose()
    {
        await Bot.CounsellorSaysAsync("/clore");
        await Bot.ClickAsync(Bot.LastChoice("Oui, clore le bilan").Id, "Oui, clore le bilan");
        Assert.Empty(await Bot.WithDbAsync(db => db.ClosedTrimesters.ToListAsync()));
    }

    [Fact]
    public async Task MoreThanTwentySessions_TheNumberTyped_IsTheNumberInTheList()
    {
        var lea = (await SessionsAsync())[0].PersonId;
        await Bot.WithDbAsync(async db =>
        {
            // 21 more, one a day from 29 September: 23 in all, the 20 most recent listed (from 2 October).
            for (var day = 0; day < 21; day++)
                db.Contributions.Add(new Contribution
                {
                    PersonId = lea, SessionDate = new DateOnly(2026, 9, 29).AddDays(day), Shared = $"Séance {day}", Learned = "Des choses", Level = 1,
                });
            await db.SaveChangesAsync();
        });
        var list = await Bot.SayAsync("/mes-séances");
        // The first session listed, its number and its date as the list shows them.
        var first = list[0].Split('\n')[2];
        var number = first[..first.IndexOf('.')];
        var date = first[(first.IndexOf("**", StringComparison.Ordinal) + 2)..first.LastIndexOf("**", StringComparison.Ordinal)];
        Assert.Equal("vendredi 2 octobre 2026", date);
        Assert.Contains($"[{number} · Vendredi 2 octobre |", list[^1]);
        Assert.StartsWith($"Ta séance du **{date}**", (await Bot.SayAsync(number))[0]);
    }

    [Fact]
    public async Task NoSessionYet_OffersToLogOne()
    {
        await Bot.PupilSaysAsync("tom", "Tom", "bonjour");
        Assert.Equal(["Tu n'as noté aucune séance au 1er trimestre 2026-2027 pour l'instant. [Noter ma séance]"],
            await Bot.PupilSaysAsync("tom", "Tom", "/mes-séances"));
    }
}
