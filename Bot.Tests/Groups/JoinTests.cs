using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Groups;

/// <summary>How a pupil gets into a group once a town has several: the code, typed or in a link; a mapped place; never a stale or closed one.</summary>
public class JoinTests : IAsyncLifetime
{
    private TwoGroups _two = null!;

    public async Task InitializeAsync() => _two = await TwoGroups.StartAsync(Clocks.At(Clocks.Sunday));

    public async Task DisposeAsync() => await _two.DisposeAsync();

    private Task<Guid?> GroupOfAsync(string name) =>
        _two.Bot.WithDbAsync(db => db.People.Where(p => p.DisplayName == name).Select(p => p.GroupId).SingleAsync());

    [Fact]
    public async Task ANewcomer_IsAskedForTheCode_BeforeLoggingASession_ThenGoesOn()
    {
        var replies = await _two.Bot.PupilSaysAsync("sam", "Sam", "/jai-partagé vendredi");
        Assert.Equal("D'abord, dis-moi le code de ton groupe Peer to Peer : 6 caractères, sur l'affiche de la salle ou donnés par ta conseillère.",
            replies[^1]);
        Assert.Null(await GroupOfAsync("Sam"));

        var code = _two.Lycee.JoinCode;
        replies = await _two.Bot.PupilSaysAsync("sam", "Sam", $"{code[..3].ToLowerInvariant()} {code[3..]}");
        Assert.Equal(["C'est fait : tu es dans le groupe **Lycée Curie**. 👋", "On continue ? [Continuer]"], replies);
        Assert.Equal(_two.Lycee.Id, await GroupOfAsync("Sam"));

        replies = await _two.Bot.PupilSaysAsync("sam", "Sam", "Continuer", "start:contribution:vendredi");
        Assert.Contains("partagé avec le groupe", replies[^1]);
    }

    [Fact]
    public async Task AWrongCode_IsCounted_AndTheFifthLocksJoining()
    {
        await _two.Bot.PupilSaysAsync("sam", "Sam", "/rejoindre");
        var wrong = _two.College.JoinCode == "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ";
        Assert.Equal("Je ne connais pas ce code. Vérifie-le sur l'affiche (encore 4 essais).", (await _two.Bot.PupilSaysAsync("sam", "Sam", wrong))[0]);
        for (var i = 0; i < 3; i++) await _two.Bot.PupilSaysAsync("sam", "Sam", wrong);
        Assert.StartsWith("Trop de codes faux d'affilée", (await _two.Bot.PupilSaysAsync("sam", "Sam", wrong))[0]);
        // Even the right code waits now.
        Assert.StartsWith("Trop de codes faux d'affilée", (await _two.Bot.PupilSaysAsync("sam", "Sam", $"/rejoindre {_two.Lycee.JoinCode}"))[0]);
        Assert.Null(await GroupOfAsync("Sam"));
    }

    [Fact]
    public async Task ARotatedCode_StopsWorking()
    {
        var old = _two.Lycee.JoinCode;
        var fresh = await _two.Bot.WithDbAsync(async db =>
        {
            await using var scope = _two.Bot.Services.CreateAsyncScope();
            var groups = scope.ServiceProvider.GetRequiredService<GroupDirectory>();
            return await groups.RotateCodeAsync((await groups.FindAsync("lycee-curie", default))!, default);
        });
        Assert.NotEqual(old, fresh);
        Assert.StartsWith("Je ne connais pas ce code.", (await _two.Bot.PupilSaysAsync("sam", "Sam", $"/rejoindre {old}"))[^1]);
        Assert.StartsWith("C'est fait", (await _two.Bot.PupilSaysAsync("sam", "Sam", $"/rejoindre {fresh}"))[^1]);
    }

    [Fact]
    public async Task AnArchivedGroup_TakesNoNewPupil()
    {
        await _two.Bot.WithDbAsync(db => db.Groups.Where(g => g.Slug == "lycee-curie")
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ArchivedAt, DateTimeOffset.UtcNow)));
        Assert.Equal("Ce groupe est fermé : il n'accueille plus de nouveaux élèves. Demande le bon code à ta conseillère.",
            (await _two.Bot.PupilSaysAsync("sam", "Sam", $"/rejoindre {_two.Lycee.JoinCode}"))[^1]);
        // (The collège is now the only open group: a newcomer is put in it.)
        Assert.Equal(_two.College.Id, await GroupOfAsync("Sam"));
    }

    [Fact]
    public async Task MovingGroup_KeepsTheHistoryWithTheOldGroup()
    {
        Assert.Equal(["Tu es dans le groupe **Collège Maupas**. Tu veux passer au groupe **Lycée Curie** ? Ce que tu as déjà noté restera dans "
            + "Collège Maupas. [Oui, je change | Non, je reste]"], await _two.Bot.PupilSaysAsync("lea", "Léa", $"/rejoindre {_two.Lycee.JoinCode}"));
        Assert.Equal(["Tu quittes le groupe **Collège Maupas** pour **Lycée Curie**. Tes séances déjà notées restent dans Collège Maupas."],
            await _two.Bot.PupilSaysAsync("lea", "Léa", "Oui, je change", "join:move"));
        await _two.LogAsync("lea", "Léa", "Au lycée maintenant", "20/11");
        // Mme Martin still sees what Léa did with the collège, not what she does now; Mme Durand the other way round.
        var martin = (await _two.Bot.CounsellorSaysAsync("/eleve Léa"))[^1];
        Assert.Contains("Un tuto Canva", martin);
        Assert.DoesNotContain("Au lycée maintenant", martin);
        var durand = (await _two.DurandSaysAsync("/eleve Léa"))[^1];
        Assert.Contains("Au lycée maintenant", durand);
        Assert.DoesNotContain("Un tuto Canva", durand);
    }

    [Fact]
    public async Task AJoinLinkOfAnotherGroup_MovesNobodyWithoutTheirYes()
    {
        await _two.Bot.PupilSaysAsync("lea", "Léa", $"/rejoindre {_two.Lycee.JoinCode}");
        Assert.Equal(["D'accord, tu restes dans ton groupe."], await _two.Bot.PupilSaysAsync("lea", "Léa", "non"));
        Assert.Equal(_two.College.Id, await GroupOfAsync("Léa"));
    }

    [Fact]
    public async Task AFormSentWithoutAGroup_WaitsBehindTheCode_AndSavesNothing()
    {
        var form = new Dictionary<string, string>
        {
            ["date"] = "vendredi", ["shared"] = "Orphelin", ["learned"] = "Rien", ["domain"] = "domain:DigitalSkills", ["level"] = "level:2",
        };
        var sam = new ChannelUser("test", "sam", "Sam");
        var replies = await _two.Bot.TurnAsync(new IncomingMessage(sam, "conv-sam", Form: new SubmittedForm("contribution", form)));
        Assert.StartsWith("D'abord, dis-moi le code de ton groupe", replies[^1]);
        await _two.Bot.PupilSaysAsync("sam", "Sam", "Oui, j'enregistre", "recap:yes");
        Assert.False(await _two.Bot.WithDbAsync(db => db.Contributions.AnyAsync(c => c.Shared == "Orphelin")));
    }

    [Fact]
    public async Task AGroupsOwnBadge_IsOfferedToItsPupilsOnly()
    {
        Assert.Contains("Club robotique", string.Join("\n", await _two.Bot.PupilSaysAsync("tom", "Tom", "/badges")));
        var lea = await _two.Bot.PupilSaysAsync("lea", "Léa", "/badges");
        Assert.DoesNotContain("Club robotique", string.Join("\n", lea));
        // Not even with the other group's button forged.
        Assert.StartsWith("Je n'ai pas compris", (await _two.Bot.PupilSaysAsync("lea", "Léa", "Club robotique", "badge:club-robotique"))[0]);
        Assert.DoesNotContain(await _two.Bot.WithDbAsync(db => db.BadgeRequests.Select(r => r.BadgeId).ToListAsync()), id => id == "club-robotique");
    }

    [Fact]
    public async Task APupilIsSentToTheirOwnGroupsContact()
    {
        Assert.StartsWith("Pour une aide en vrai, va voir Mme Durand, au CDI du lycée :",
            (await _two.Bot.PupilSaysAsync("tom", "Tom", "Voir quelqu'un", "help:contact"))[^1]);
        Assert.StartsWith("Pour une aide en vrai, va voir l'Espace Info Jeunes",
            (await _two.Bot.PupilSaysAsync("lea", "Léa", "Voir quelqu'un", "help:contact"))[^1]);
    }

    [Fact]
    public async Task APlaceMappedToAGroup_PutsTheNewcomerInIt_WithoutACode()
    {
        await _two.Bot.DisposeAsync();
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday), services => services.Configure<GroupsOptions>(o => o.Groups.Add(
            new GroupSettings { Slug = "lycee-curie", Name = "Lycée Curie", Places = ["discord:guild:G-LYCEE", "teams:team:T-LYCEE"] })));
        var lycee = await bot.WithDbAsync(db => db.Groups.SingleAsync(g => g.Slug == "lycee-curie"));
        foreach (var (id, place) in new[] { ("sam", "discord:guild:G-LYCEE"), ("ana", "teams:team:T-LYCEE") })
        {
            await bot.TurnAsync(new IncomingMessage(new ChannelUser("test", id, id), $"conv-{id}", "bonjour") { Places = ["discord:channel:C1", place] });
            Assert.Equal(lycee.Id, await bot.WithDbAsync(db => db.People.Where(p => p.DisplayName == id).Select(p => p.GroupId).SingleAsync()));
        }
        // Elsewhere, with two groups, a newcomer has none until they give a code.
        await bot.TurnAsync(new IncomingMessage(new ChannelUser("test", "zoe", "zoe"), "conv-zoe", "bonjour") { Places = ["discord:guild:OTHER"] });
        Assert.Null(await bot.WithDbAsync(db => db.People.Where(p => p.DisplayName == "zoe").Select(p => p.GroupId).SingleAsync()));
    }
}
