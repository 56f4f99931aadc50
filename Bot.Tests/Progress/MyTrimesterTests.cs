using Bot.Dialogs.Charts;
using Bot.Dialogs.Engine;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Progress;

/// <summary>/mon-trimestre (issue 16, point 6): the pupil's own trimester in a few lines. Today is Sunday 29 November 2026.</summary>
public sealed class MyTrimesterTests : IAsyncLifetime
{
    private DialogHarness Bot { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await Bot.SayAsync("bonjour");
    }

    public async Task DisposeAsync() => await Bot.DisposeAsync();

    private async Task LogAsync(string date, string domain, string level)
    {
        foreach (var turn in new[] { $"/jai-partagé {date}", "Un atelier", "Plein de choses", domain, level, "oui" }) await Bot.SayAsync(turn);
    }

    [Fact]
    public async Task SessionsDomainsLevelsAndRequests_InAFewLines()
    {
        await LogAsync("20/11", "citoyen", "2");
        await LogAsync("vendredi", "numérique", "3");
        foreach (var turn in new[] { "/badges", "numérique", "Canva pour tous" }) await Bot.SayAsync(turn);
        // Another pupil's trimester is not Léa's.
        foreach (var turn in new[] { "/jai-partagé vendredi", "Autre chose", "Rien", "autre", "1", "oui" }) await Bot.PupilSaysAsync("tom", "Tom", turn);

        Assert.Equal(
            ["ImageReply", "**Ton 1er trimestre 2026-2027** (du mardi 1er septembre 2026 au vendredi 18 décembre 2026)\n\n" +
             "- 2 séances notées : 20/11, 27/11\n" +
             "- domaines : Engagement citoyen ×1, Compétences numériques ×1\n" +
             "- ton niveau : 2 → 3 📈\n" +
             "- bilan du trimestre : pas encore fait (tape /bilan)\n" +
             "- badges demandés : Compétences numériques (en attente) [Mes séances | Les badges]"],
            await Bot.SayAsync("/mon-trimestre"));
        // Their chart comes first, its alt text saying what it shows.
        var chart = Assert.IsType<ImageReply>(Bot.LastReplies[0]);
        Assert.Equal("Graphique de tes séances du 1er trimestre 2026-2027, avec ton niveau de 1 à 4 : " +
            "vendredi 20 novembre, Engagement citoyen, niveau 2 ; vendredi 27 novembre, Compétences numériques, niveau 3.", chart.AltText);
        Assert.Equal((PupilChart.SmallWidth, PupilChart.SmallHeight),
            (Pixels.Decode(chart.Png).Width, Pixels.Decode(chart.Png).Height));
    }

    [Fact]
    public async Task ADecisionAndTheSelfAssessment_Show()
    {
        await LogAsync("vendredi", "numérique", "3");
        foreach (var turn in new[] { "/badges", "numérique", "Canva" }) await Bot.SayAsync(turn);
        await Bot.CounsellorSaysAsync("bonjour");
        var request = await Bot.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.BadgeRequests));
        await Bot.CounsellorSaysAsync("Approuver", $"start:review:approve:{request.Id:N}");
        foreach (var turn in new[] { "/bilan", "3", "3", "3", "3" }) await Bot.SayAsync(turn);

        var summary = (await Bot.SayAsync("mon trimestre"))[^1];
        Assert.Contains("- 1 séance notée : 27/11\n", summary);
        Assert.Contains("- ton niveau : 3\n", summary);
        Assert.Contains("- bilan du trimestre : fait ✅\n", summary);
        Assert.Contains("- badges demandés : Compétences numériques (accepté 🎉)", summary);
    }

    [Fact]
    public async Task RequirementsSetForOneHarness_AreNotSeenByAnother()
    {
        await using var changed = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday), services =>
            services.Configure<Bot.Dialogs.Programme.BadgeCatalog>(c => c.Badges[0].Requirements = new() { MinSessions = 2 }));
        Assert.NotNull(Catalogue(changed).Badges[0].Requirements);
        await using var other = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        Assert.Null(Catalogue(other).Badges[0].Requirements);
    }

    private static Bot.Dialogs.Programme.BadgeCatalog Catalogue(DialogHarness harness) =>
        harness.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Bot.Dialogs.Programme.BadgeCatalog>>().Value;

    [Fact]
    public async Task EachBadgeWithRequirements_SaysWhereThePupilStands()
    {
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday), services =>
            // A new definition: the harness's badges are shared by every test.
            services.Configure<Bot.Dialogs.Programme.BadgeCatalog>(c => c.Badges[0] = new()
            {
                Id = c.Badges[0].Id, Name = c.Badges[0].Name, Description = "Pour ton engagement.", Criteria = "Venir souvent.",
                    ClaimUrl = c.Badges[0].ClaimUrl,
                Requirements = new() { MinSessions = 2, SelfAssessmentDone = true },
            }));
        await bot.SayAsync("bonjour");
        foreach (var turn in new[] { "/jai-partagé vendredi", "Un atelier", "Plein de choses", "citoyen", "2", "oui" }) await bot.SayAsync(turn);
        var summary = (await bot.SayAsync("/mon-trimestre"))[^1];
        Assert.EndsWith(
            "\n\n**Vers les badges :**\n- Engagement citoyen : 1 séance sur 2 : encore 1 ; bilan du trimestre : pas encore fait (écris /bilan) " +
            "[Mes séances | Les badges]", summary);
        Assert.DoesNotContain("Compétences numériques :", summary); // no requirements: prose only, in /badges

        foreach (var turn in new[] { "/jai-partagé 20/11", "Un débat", "Écouter", "citoyen", "3", "oui", "/bilan", "3", "3", "3", "3" })
            await bot.SayAsync(turn);
        Assert.Contains("- Engagement citoyen : 2 séances (il en faut 2) ✅ ; bilan du trimestre : fait ✅ → tu peux le demander 🎉",
            (await bot.SayAsync("/mon-trimestre"))[^1]);
    }

    [Fact]
    public async Task NothingYet_OffersToLogASession()
    {
        Assert.Equal(
            ["**Ton 1er trimestre 2026-2027** (du mardi 1er septembre 2026 au vendredi 18 décembre 2026)\n\n" +
             "- aucune séance notée pour l'instant\n- bilan du trimestre : pas encore fait (tape /bilan)\n- aucune demande de badge ce trimestre " +
             "[Noter ma séance | Les badges]"],
            await Bot.SayAsync("/mon-trimestre"));
    }
}
