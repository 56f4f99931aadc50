using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Tests.Support;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Groups;

/// <summary>
/// What makes someone a counsellor of a group, and what takes it away (the outside review's findings): a place never does,
/// configuration and sign-in only while they say so, the only group only while it is the town's only one.
/// </summary>
public class CounsellorMembershipTests : IAsyncLifetime
{
    private TwoGroups _two = null!;

    public async Task InitializeAsync() => _two = await TwoGroups.StartAsync(Clocks.At(Clocks.Sunday));

    public async Task DisposeAsync() => await _two.DisposeAsync();

    private Task<string[]> MartinAtAsync(string text, string? choiceId, params string[] places) =>
        _two.Bot.TurnAsync(new IncomingMessage(new ChannelUser("test", DialogHarness.CounsellorId, "Mme Martin"), "conv-counsellor", text, choiceId)
        {
            Places = places,
        });

    [Fact]
    public async Task WritingWhereAnotherGroupIsMapped_MakesNobodyItsCounsellor()
    {
        _two.Bot.Services.GetRequiredService<IOptions<GroupsOptions>>().Value.Groups.Single(g => g.Slug == "lycee-curie").Places.Add("discord:channel:444");
        var replies = await MartinAtAsync("/demandes", null, "discord:channel:444");
        Assert.DoesNotContain(replies, r => r.Contains("Tom"));
        Assert.Equal(["Ce groupe n'est pas l'un des vôtres."], await MartinAtAsync("Lycée", "start:group:lycee-curie", "discord:channel:444"));
        Assert.False(await _two.Bot.WithDbAsync(db => db.GroupCounsellors.AnyAsync(c => c.GroupId == _two.Lycee.Id
            && db.People.Any(p => p.Id == c.PersonId && p.DisplayName == "Mme Martin"))));
    }

    [Fact]
    public async Task ACounsellorDroppedFromConfiguration_IsNoLongerTheGroups_AtHerNextTurn()
    {
        _two.Bot.Services.GetRequiredService<IOptions<GroupsOptions>>().Value.Groups.Single(g => g.Slug == "lycee-curie").Counsellors.Clear();
        var replies = await _two.DurandSaysAsync("/demandes");
        Assert.Equal(["Vous n'êtes conseillère d'aucun groupe pour l'instant : demandez à l'administrateur de vous inviter pour votre groupe."], replies);
    }

    [Fact]
    public async Task ArchivingDownToOneOpenGroup_GivesItToNoCounsellorWithoutOne()
    {
        _two.Bot.Services.GetRequiredService<IOptions<GroupsOptions>>().Value.Groups.Single(g => g.Slug == "lycee-curie").Counsellors.Clear();
        await _two.Bot.WithDbAsync(db => db.Groups.Where(g => g.Slug == GroupDirectory.FirstGroupSlug)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ArchivedAt, DateTimeOffset.UtcNow)));
        var replies = await _two.DurandSaysAsync("/demandes");
        Assert.StartsWith("Vous n'êtes conseillère d'aucun groupe", replies[^1]);
    }

    [Fact]
    public async Task TheOnlyGroupsCounsellors_AreNoLongerSo_OnceASecondGroupIsMade()
    {
        await _two.Bot.DisposeAsync();
        await using var bot = await DialogHarness.StartAsync(Clocks.At(Clocks.Sunday));
        await bot.CounsellorSaysAsync("/suivi");
        Assert.True(await bot.WithDbAsync(db => db.GroupCounsellors.AnyAsync(c => c.Source == CounsellorSource.OnlyGroup)));
        await using (var scope = bot.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<GroupDirectory>().AddAsync("Lycée Curie", null, default);
        Assert.False(await bot.WithDbAsync(db => db.GroupCounsellors.AnyAsync()));
        Assert.StartsWith("Vous n'êtes conseillère d'aucun groupe", (await bot.CounsellorSaysAsync("/suivi"))[^1]);
    }

    [Fact]
    public async Task ADiscordRoleListedByAGroup_MakesItsHoldersItsCounsellors_AndAPlacePicksAmongTheirGroups()
    {
        var options = _two.Bot.Services.GetRequiredService<IOptions<GroupsOptions>>().Value.Groups;
        options.Single(g => g.Slug == "lycee-curie").Counsellors.Add("test:role:ROLE-LYCEE");
        options.Single(g => g.Slug == "lycee-curie").Places.Add("discord:channel:444");
        var message = new IncomingMessage(new ChannelUser("test", DialogHarness.CounsellorId, "Mme Martin"), "conv-counsellor", "/suivi")
        {
            Places = ["discord:channel:444"],
        };
        var outcome = await _two.Bot.Services.GetRequiredService<TurnRunner>().RunAsync(new TurnRequest(message, "k1", ["ROLE-LYCEE"]));
        Assert.Contains("1 élève a participé", DialogHarness.Render(outcome.Result.Replies[^1])); // the lycée's, picked by the place
        Assert.Equal(2, await _two.Bot.WithDbAsync(db =>
            db.GroupCounsellors.CountAsync(c => db.People.Any(p => p.Id == c.PersonId && p.DisplayName == "Mme Martin"))));
    }
}
