using Bot.Dialogs.Badges;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Programme;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Badges;

/// <summary>
/// Where the pupil stands for each badge, on Sunday 29 November 2026 (first trimester), with a catalogue whose criteria are data:
/// three sessions and the self-assessment for the civic badge; one digital session at level 2 or more for the digital one.
/// </summary>
public class BadgeProgressTranscriptTests : IAsyncLifetime
{
    private const string Choose = "Tu veux en demander un ? [Demander : Engagement citoyen | Demander : Compétences numériques | Non, pas maintenant]";
    private const string MessageQuestion = "Tu veux ajouter un petit mot pour la conseillère ? Par exemple ce que tu as fait pour mériter ce badge. " +
        "Écris-le, ou choisis « Sans message ». [Sans message]";

    internal static readonly BadgeDefinition[] Catalogue =
    [
        new()
        {
            Id = "engagement-citoyen", Name = "Engagement citoyen", Description = "Pour ton engagement.", Criteria = "Venir souvent.",
            ClaimUrl = "https://openbadgefactory.com/c/earnablebadge/CIV/apply", Requirements = new() { MinSessions = 3, SelfAssessmentDone = true },
        },
        new()
        {
            Id = "competences-numeriques", Name = "Compétences numériques", Description = "Pour ce que tu sais faire en numérique.",
            Criteria = "Montrer un outil.",
            ClaimUrl = "https://openbadgefactory.com/c/earnablebadge/NUM/apply",
            Requirements = new() { MinSessions = 1, Domains = [ContributionDomain.DigitalSkills], MinLevel = 2 },
        },
    ];

    internal static void UseCatalogue(IServiceCollection services) =>
        services.Configure<BadgeCatalog>(c => { c.Badges.Clear(); c.Badges.AddRange(Catalogue); });

    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.Sunday);
    private DialogHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await DialogHarness.StartAsync(_clock, UseCatalogue);
        await _bot.SayAsync("bonjour");
        foreach (var turn in new[] { "/jai-partagé vendredi", "Un tuto Canva", "Plein de choses", "numérique", "2", "oui" }) await _bot.SayAsync(turn);
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Badges_ShowsUnderEachBadge_WhereThePupilStands()
    {
        Assert.Equal(
        [
            "Voici les badges du Peer to Peer, délivrés par la Mairie de Vire Normandie :",
            "**Engagement citoyen**\n\nPour ton engagement.\n\n**Critères :** Venir souvent.\n\n" +
            "**Où tu en es** (1er trimestre 2026-2027) :\n- 1 séance sur 3 : encore 2\n- bilan du trimestre : pas encore fait (écris /bilan)",
            "**Compétences numériques**\n\nPour ce que tu sais faire en numérique.\n\n**Critères :** Montrer un outil.\n\n" +
            "**Où tu en es** (1er trimestre 2026-2027) :\n- 1 séance en Compétences numériques (il en faut 1) ✅\n" +
            "- au moins une séance en Compétences numériques au niveau 2 – Je progresse ✅",
            Choose,
        ], await _bot.SayAsync("/badges"));
    }

    [Fact]
    public async Task ABadgeNotYetMet_CanStillBeAskedFor_AfterAFriendlyWord()
    {
        await _bot.SayAsync("/badges");
        Assert.Equal(
        [
            "Il te manque encore 2 séances et ton bilan du trimestre, mais tu peux quand même demander ce badge : la conseillère décidera.",
            MessageQuestion,
        ], await _bot.ClickAsync("badge:engagement-citoyen", "Demander : Engagement citoyen"));
        await _bot.ClickAsync("badge:nomessage", "Sans message");
        Assert.Equal("engagement-citoyen", (await _bot.WithDbAsync(db => db.BadgeRequests.AsNoTracking().SingleAsync())).BadgeId);
    }

    [Fact]
    public async Task ABadgeMet_GoesStraightToTheRequest()
    {
        await _bot.SayAsync("/badges");
        Assert.Equal([MessageQuestion], await _bot.SayAsync("le badge numérique"));
    }

    [Fact]
    public async Task TheSelfAssessmentAndMoreSessions_TickTheCriteria()
    {
        foreach (var date in new[] { "20/11", "13/11" })
            foreach (var turn in new[] { $"/jai-partagé {date}", "Un débat", "Écouter", "citoyen", "3", "oui" }) await _bot.SayAsync(turn);
        foreach (var turn in new[] { "/bilan", "2", "2", "3", "1" }) await _bot.SayAsync(turn);
        var replies = await _bot.SayAsync("/badges");
        Assert.EndsWith("**Où tu en es** (1er trimestre 2026-2027) :\n- 3 séances (il en faut 3) ✅\n- bilan du trimestre : fait ✅", replies[1]);
        Assert.Equal([MessageQuestion], await _bot.ClickAsync("badge:engagement-citoyen", "Demander : Engagement citoyen"));
    }

    [Fact]
    public async Task ASessionDeleted_IsNoLongerCounted()
    {
        await _bot.WithDbAsync(db => db.Contributions.ExecuteDeleteAsync());
        var replies = await _bot.SayAsync("/badges");
        Assert.EndsWith("- 0 séance en Compétences numériques sur 1 : encore 1\n" +
            "- au moins une séance en Compétences numériques au niveau 2 – Je progresse : pas encore",
            replies[2]);
        Assert.Equal("Il te manque encore 1 séance en Compétences numériques et le niveau 2 – Je progresse, " +
            "mais tu peux quand même demander ce badge : la conseillère décidera.",
            (await _bot.SayAsync("numérique"))[0]);
    }
}
