using Bot.Dialogs.Badges;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Reminders;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Groups;

/// <summary>A counsellor of the collège never sees a name, a text or a request of the lycée's, whatever she types or clicks.</summary>
public class GroupIsolationTests : IAsyncLifetime
{
    private TwoGroups _two = null!;

    /// <summary>Every counsellor command has its scope test here: a new one fails <see cref="EveryCounsellorCommand_HasAScopeTest"/>.</summary>
    private static readonly string[] ScopeTested = ["suivi", "eleve", "demandes", "export", "groupe", "clore"];

    public async Task InitializeAsync() => _two = await TwoGroups.StartAsync(Clocks.At(Clocks.Sunday));

    public async Task DisposeAsync() => await _two.DisposeAsync();

    private static void SeesNothingOfTheLycee(IEnumerable<string> replies)
    {
        foreach (var reply in replies)
        {
            Assert.DoesNotContain("Tom", reply);
            Assert.DoesNotContain("recette secrète", reply);
            Assert.DoesNotContain("Message de Tom", reply);
        }
    }

    [Fact]
    public void EveryCounsellorCommand_HasAScopeTest() =>
        Assert.Equal(ScopeTested.Order(), TestCommands.Counsellors.Select(c => c.Name).Order());

    [Fact]
    public async Task Clore_ClosesOnlyHerGroupsTrimester()
    {
        await _two.Bot.CounsellorSaysAsync("/clore");
        await _two.Bot.CounsellorSaysAsync("Oui, clore le bilan", _two.Bot.LastChoice("Oui, clore le bilan").Id);
        var closed = Assert.Single(await _two.Bot.WithDbAsync(db => db.ClosedTrimesters.ToListAsync()));
        Assert.Equal(_two.College.Id, closed.GroupId);
        // Tom's lycée is open: he still corrects his session; Léa's collège is closed.
        var tom = await _two.Bot.WithDbAsync(db => db.Contributions.SingleAsync(c => c.Shared == "La recette secrète du lycée"));
        var lea = await _two.Bot.WithDbAsync(db => db.Contributions.SingleAsync(c => c.Shared == "Un tuto Canva"));
        Assert.StartsWith("On corrige ta séance", (await _two.Bot.PupilSaysAsync("tom", "Tom", "Corriger", $"start:contribution:edit:{tom.Id:N}"))[0]);
        Assert.StartsWith("La conseillère a clos le bilan", (await _two.Bot.PupilSaysAsync("lea", "Léa", "Corriger",
            $"start:contribution:edit:{lea.Id:N}"))[0]);
        Assert.DoesNotContain(await _two.DurandSaysAsync("/suivi"), r => r.Contains("bilan clos"));
        Assert.Contains("1er trimestre 2026-2027", Assert.Single(await _two.DurandSaysAsync("/clore")));
    }

    [Fact]
    public async Task Clore_ButtonOfAnotherGroup_ClosesNothing()
    {
        await _two.Bot.CounsellorSaysAsync("/clore");
        var martins = _two.Bot.LastChoice("Oui, clore le bilan");
        var replies = await _two.DurandSaysAsync(martins.Label, martins.Id);
        Assert.Equal("Ce bouton concernait un autre groupe ou un autre trimestre : rien n'a changé.", replies[0]);
        Assert.Empty(await _two.Bot.WithDbAsync(db => db.ClosedTrimesters.ToListAsync()));
    }

    [Fact]
    public async Task AClosedSession_IsNotReplaced_FromTheGroupThePupilMovedTo()
    {
        await _two.Bot.CounsellorSaysAsync("/clore");
        await _two.Bot.CounsellorSaysAsync("Oui, clore le bilan", _two.Bot.LastChoice("Oui, clore le bilan").Id);
        var before = await _two.Bot.WithDbAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.Shared == "Un tuto Canva"));
        await _two.Bot.PupilSaysAsync("lea", "Léa", $"/rejoindre {_two.Lycee.JoinCode}");
        await _two.Bot.PupilSaysAsync("lea", "Léa", "oui");
        await _two.Bot.PupilSaysAsync("lea", "Léa", "/jai-partagé");
        // Her collège session of that Friday stays in the collège: the lycée's new one is added, not put over it.
        Assert.Equal(["Qu'est-ce que tu as partagé avec le groupe ? Une idée, un savoir-faire, un projet… raconte en quelques mots."],
            (await _two.Bot.PupilSaysAsync("lea", "Léa", "vendredi"))[1..]);
        foreach (var turn in new[] { "Autre chose", "Plein de choses", "numérique", "3" }) await _two.Bot.PupilSaysAsync("lea", "Léa", turn);
        Assert.Equal(["C'est enregistré ✅ Merci pour ta participation ! La conseillère verra ta séance au bilan du trimestre."],
            await _two.Bot.PupilSaysAsync("lea", "Léa", "oui"));

        var after = await _two.Bot.WithDbAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.Id == before.Id));
        Assert.Equal((before.Shared, before.Level, before.UpdatedAt), (after.Shared, after.Level, after.UpdatedAt));
        var added = await _two.Bot.WithDbAsync(db => db.Contributions.AsNoTracking().SingleAsync(c => c.Shared == "Autre chose"));
        Assert.Equal(_two.Lycee.Id, added.GroupId);
    }

    [Fact]
    public async Task Suivi_CountsOnlyHerGroup()
    {
        var replies = await _two.Bot.CounsellorSaysAsync("/suivi");
        Assert.Contains("- 1 élève a participé, 1 séance notée", replies[^1]);
        Assert.Contains("- 1 demande de badge en attente", replies[^1]);
        SeesNothingOfTheLycee(replies);
        Assert.Contains("- 1 élève a participé, 1 séance notée", (await _two.DurandSaysAsync("/suivi"))[^1]);
    }

    [Fact]
    public async Task Eleve_FindsNoPupilOfTheOtherGroup()
    {
        var replies = await _two.Bot.CounsellorSaysAsync("/eleve Tom");
        Assert.Equal(["Je ne trouve aucun élève qui ressemble à « Tom »."], replies);
        var tom = await _two.Bot.WithDbAsync(db => db.People.SingleAsync(p => p.DisplayName == "Tom"));
        SeesNothingOfTheLycee(await _two.Bot.CounsellorSaysAsync("Tom", $"start:review:pupil:{tom.Id:N}"));
        Assert.Contains("Un tuto Canva", (await _two.Bot.CounsellorSaysAsync("/eleve Léa"))[^1]);
    }

    [Fact]
    public async Task Demandes_ListsOnlyHerGroupsRequests()
    {
        var replies = await _two.Bot.CounsellorSaysAsync("/demandes");
        Assert.Single(replies);
        Assert.StartsWith("**Léa** demande le badge", replies[0]);
        SeesNothingOfTheLycee(replies);
    }

    [Fact]
    public async Task Export_HoldsOnlyHerGroup()
    {
        await _two.Bot.CounsellorSaysAsync("/export");
        var csv = System.Text.Encoding.UTF8.GetString(Assert.IsType<FileReply>(_two.Bot.LastReplies[^1]).Content);
        Assert.Contains("Léa", csv);
        SeesNothingOfTheLycee([csv]);
    }

    [Fact]
    public async Task DecidingAnotherGroupsRequest_IsRefusedAsUnknown_AndChangesNothing()
    {
        var toms = await _two.Bot.WithDbAsync(db => db.BadgeRequests.AsNoTracking().SingleAsync(r => r.GroupId == _two.Lycee.Id));
        foreach (var verb in new[] { "approve", "refuse", "retry" })
            Assert.Equal(["Je ne trouve pas cette demande."], await _two.Bot.CounsellorSaysAsync("Approuver", $"start:review:{verb}:{toms.Id:N}"));
        var after = await _two.Bot.WithDbAsync(db => db.BadgeRequests.AsNoTracking().SingleAsync(r => r.Id == toms.Id));
        Assert.Equal(BadgeRequestStatus.Pending, after.Status);
        Assert.DoesNotContain(_two.Bot.Notices.Sent, s => s.UserId == "tom");
        // Her own colleague decides it.
        Assert.StartsWith("✅ C'est validé : Tom", (await _two.DurandSaysAsync("Approuver", $"start:review:approve:{toms.Id:N}"))[0]);
    }

    [Fact]
    public async Task Groupe_ShowsHerGroupsCodeOnly()
    {
        var replies = await _two.Bot.CounsellorSaysAsync("/groupe");
        Assert.StartsWith("Vous suivez le groupe **Collège Maupas**.", replies[0]);
        Assert.Contains(JoinCodesSpaced(_two.College.JoinCode), replies[0]);
        Assert.DoesNotContain(JoinCodesSpaced(_two.Lycee.JoinCode), replies[0]);
        Assert.Equal(["Ce groupe n'est pas l'un des vôtres."], await _two.Bot.CounsellorSaysAsync("Lycée", "start:group:lycee-curie"));
        Assert.Equal(["Ce groupe n'est pas l'un des vôtres."], await _two.Bot.CounsellorSaysAsync("Affiche", "start:group:poster:lycee-curie"));
    }

    [Fact]
    public async Task TheDigest_CountsOnlyHerGroupsRequests()
    {
        await using var scope = _two.Bot.Services.CreateAsyncScope();
        var messages = scope.ServiceProvider.GetRequiredService<ProactiveMessages>();
        var martin = await _two.Bot.WithDbAsync(db => db.People.SingleAsync(p => p.DisplayName == "Mme Martin"));
        var digest = await messages.DigestAsync(martin.Id, default);
        Assert.Equal("Bonjour ! Une demande de badge attend votre décision. [Voir les demandes]", DialogHarness.Render(digest![0]));
    }

    [Fact]
    public async Task TheNudge_SumsUpOnlyTheGroupItIsFor()
    {
        await using var scope = _two.Bot.Services.CreateAsyncScope();
        var messages = scope.ServiceProvider.GetRequiredService<ProactiveMessages>();
        var nudge = await messages.NudgeAsync(new DateOnly(2026, 12, 11), _two.College.Id, default); // seven days before the end
        Assert.StartsWith("**Collège Maupas** : Le 1er trimestre 2026-2027 se termine dans 7 jours", DialogHarness.Render(nudge![0]));
        Assert.Contains("1 élève a participé", DialogHarness.Render(nudge[1]));
        SeesNothingOfTheLycee(nudge.Select(DialogHarness.Render));
    }

    [Fact]
    public async Task TheTownsAdministrator_SeesEachGroupsNumbers_AndNoPupilsWords()
    {
        await _two.Bot.DisposeAsync();
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday),
            services => services.Configure<Bot.Dialogs.Programme.ProgrammeOptions>(o => o.Administrators.Add("test:mairie")));
        await bot.PupilSaysAsync("lea", "Léa", "/jai-partagé vendredi");
        foreach (var turn in new[] { "Un tuto Canva", "Plein de choses", "numérique", "2", "oui" }) await bot.PupilSaysAsync("lea", "Léa", turn);

        var numbers = await bot.TurnAsync(new IncomingMessage(new ChannelUser("test", "mairie", "Mairie"), "conv-mairie", "/groupes"));
        Assert.Equal("**Les groupes**\n\n- **Peer to Peer** (peer-to-peer, zone B) : 1 élève(s), 0 conseillère(s), "
            + "1 séance(s) de 1 élève(s) ce trimestre, 0 demande(s) en attente", numbers[^1]);
        Assert.DoesNotContain("Léa", string.Join("\n", numbers));
        Assert.Equal("Cette commande est réservée à l'administrateur du bot.", (await bot.PupilSaysAsync("lea", "Léa", "/groupes"))[^1]);
        Assert.Equal("Cette commande est réservée à l'administrateur du bot.", (await bot.CounsellorSaysAsync("/groupes"))[^1]);
    }

    private static string JoinCodesSpaced(string code) => Bot.Dialogs.Groups.JoinCodes.Spaced(code);
}
