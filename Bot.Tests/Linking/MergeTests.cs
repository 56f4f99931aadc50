using Bot.Dialogs.MyData;
using Bot.Dialogs.Notices;
using Bot.Dialogs.People;
using Bot.Dialogs.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Linking;

/// <summary>Two people who turn out to be one: what the merge keeps, row by row; then /délier and erasure.</summary>
public class MergeTests : LinkingTests
{
    private readonly RecordingEraser _eraser = new();

    protected override void Configure(IServiceCollection services) => services.AddSingleton<IChannelDataEraser>(_eraser);

    /// <summary>Léa on the web chat at 10:00, then on Discord at 11:00 as someone else to the bot, each with a trimester's worth.</summary>
    private async Task<(Guid Web, Guid Discord)> TwoLeasAsync()
    {
        await LogSessionAsync("webchat", "lea-web", "vendredi", "Un tuto montage");
        foreach (var turn in new[] { "/badges", "citoyen", "Je viens souvent" }) await WebChatAsync(turn);
        foreach (var turn in new[] { "/bilan", "3", "3", "4", "2" }) await WebChatAsync(turn);
        foreach (var turn in new[] { "/compte", "c'est fait", "plus tard" }) await WebChatAsync(turn);

        Clock.Advance(TimeSpan.FromHours(1));
        await LogSessionAsync("discord", "lea-discord", "vendredi", "Un débat");
        await LogSessionAsync("discord", "lea-discord", "le 20 novembre", "Une affiche");
        foreach (var turn in new[] { "/badges", "citoyen", "Moi aussi" }) await DiscordAsync(turn);
        foreach (var turn in new[] { "/badges", "numérique", "La découpeuse" }) await DiscordAsync(turn);
        foreach (var turn in new[] { "/bilan", "1", "2", "1", "2" }) await DiscordAsync(turn);
        foreach (var turn in new[] { "/compte", "c'est fait", "c'est fait", "plus tard" }) await DiscordAsync(turn);
        // In another Discord conversation (a server's channel rather than the DMs).
        await Bot.TurnAsync(new Bot.Dialogs.Engine.IncomingMessage(new("discord", "lea-discord", "Léa"), "discord:guild-channel", "stop rappels"));

        var (web, discord) = (await PersonOfAsync("lea-web"), await PersonOfAsync("lea-discord"));
        await Bot.WithDbAsync(async db =>
        {
            // Reminders: the same Friday's on both sides (a unique key per person), an earlier one on Discord only.
            db.SentReminders.AddRange(
                new SentReminder { Kind = "friday-reminder", Period = "2026-11-27", PersonId = web },
                new SentReminder { Kind = "friday-reminder", Period = "2026-11-27", PersonId = discord },
                new SentReminder { Kind = "friday-reminder", Period = "2026-11-20", PersonId = discord });
            // A notice still waiting for the Discord Léa, and an alert about her.
            db.Outbox.AddRange(
                new OutboxMessage { Channel = "discord", Recipient = "lea-discord", PersonId = discord, NextAttemptAt = DateTime.UtcNow.AddDays(1) },
                new OutboxMessage { Channel = "test", Recipient = "counsellor-1", AboutPersonId = discord, NextAttemptAt = DateTime.UtcNow.AddDays(1) });
            await db.SaveChangesAsync();
        });
        return (web, discord);
    }

    [Fact]
    public async Task Linking_MergesTheOtherPerson_RowByRow_AndTellsThePupil()
    {
        var (web, discord) = await TwoLeasAsync();
        var code = await CodeAsync("webchat", "lea-web");

        Assert.Equal(
        [
            "C'est relié ✅ Je te reconnais maintenant sur le chat du site et Discord : tout ce que tu fais est au même endroit.",
            "J'ai regroupé ce que tu avais ici avec le reste : 2 séances, 1 demande de badge, 1 bilan de trimestre et où tu en es dans le guide du compte.",
            "Tu avais noté une séance le vendredi 27 novembre 2026 des deux côtés : je garde les deux. Si c'est la même, dis-le à la conseillère.",
            "Tu avais fait ton bilan du 1er trimestre 2026-2027 des deux côtés : je garde le plus récent, celui du dimanche 29 novembre 2026.",
            "Tu avais demandé le badge « Engagement citoyen » des deux côtés : je garde une seule demande, la plus ancienne.",
            "Tu avais coupé les rappels du vendredi d'un côté : ils restent coupés partout. Écris « rappels » pour les remettre.",
        ], await DiscordAsync($"/lier {code}"));

        await Bot.WithDbAsync(async db =>
        {
            var lea = await db.People.SingleAsync();
            Assert.Equal(web, lea.Id);
            Assert.True(lea.RemindersOff);
            Assert.Equal(["discord:lea-discord", "webchat:lea-web"],
                (await db.ChannelIdentities.Where(i => i.PersonId == web).Select(i => i.Channel + ":" + i.ExternalId).ToListAsync()).Order());
            // Every session, the two of Friday 27 November included.
            Assert.Equal(["2026-11-20 Une affiche", "2026-11-27 Un débat", "2026-11-27 Un tuto montage"],
                (await db.Contributions.Where(c => c.PersonId == web).ToListAsync()).Select(c => $"{c.SessionDate:yyyy-MM-dd} {c.Shared}").Order());
            // One pending request per badge: the web chat's (older) for the civic badge, Discord's for the digital one.
            Assert.Equal(["competences-numeriques La découpeuse", "engagement-citoyen Je viens souvent"],
                (await db.BadgeRequests.Where(r => r.PersonId == web).ToListAsync()).Select(r => $"{r.BadgeId} {r.Message}").Order());
            // One self-assessment for the trimester: Discord's, the more recent.
            var assessment = await db.TrimesterSelfAssessments.SingleAsync();
            Assert.Equal((web, 1, 2, 1, 2), (assessment.PersonId, assessment.KnowHow, assessment.SoftSkills, assessment.Digital, assessment.Civic));
            // The account guide: the furthest step (Discord's 3).
            Assert.Equal((web, 3), await db.GuideProgress.Select(g => ValueTuple.Create(g.PersonId, g.Step)).SingleAsync());
            Assert.Equal(["friday-reminder 2026-11-20", "friday-reminder 2026-11-27"],
                (await db.SentReminders.Where(r => r.PersonId == web).Select(r => r.Kind + " " + r.Period).ToListAsync()).Order());
            Assert.Equal(2, await db.Outbox.CountAsync(m => m.PersonId == web || m.AboutPersonId == web));
            Assert.Equal(["discord:discord:guild-channel", "discord:discord:lea-discord", "webchat:webchat:lea-web"],
                (await db.Conversations.Where(c => c.PersonId == web).Select(c => c.Channel + ":" + c.ConversationId).ToListAsync()).Order());

            // Nothing anywhere names the Discord person any more.
            Assert.False(await db.People.AnyAsync(p => p.Id == discord));
            Assert.False(await db.ChannelIdentities.AnyAsync(r => r.PersonId == discord));
            Assert.False(await db.Contributions.AnyAsync(r => r.PersonId == discord));
            Assert.False(await db.BadgeRequests.AnyAsync(r => r.PersonId == discord));
            Assert.False(await db.TrimesterSelfAssessments.AnyAsync(r => r.PersonId == discord));
            Assert.False(await db.GuideProgress.AnyAsync(r => r.PersonId == discord));
            Assert.False(await db.SentReminders.AnyAsync(r => r.PersonId == discord));
            Assert.False(await db.Outbox.AnyAsync(r => r.PersonId == discord || r.AboutPersonId == discord));
            Assert.False(await db.Conversations.AnyAsync(r => r.PersonId == discord));
            Assert.False(await db.LinkCodes.AnyAsync(r => r.PersonId == discord));
            Assert.False(await db.LinkLockouts.AnyAsync(r => r.PersonId == discord));
        });

        // And the pupil is one: her sessions from either channel are the same list.
        Assert.Contains("- 3 séances notées :", (await DiscordAsync("mes données"))[0]);
    }

    [Fact]
    public void EveryTableNamingAPerson_IsOneTheMergeMoves()
    {
        // A new table with a PersonId must be moved (or deliberately dropped) by PersonMerge, and added here.
        // (GroupCounsellor names counsellors only, and counsellors are never linked.)
        using var scope = Bot.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>();
        Assert.Equal(
            ["BadgeRequest", "ChannelIdentity", "Contribution", "ConversationRecord", "GroupCounsellor", "GuideProgress", "LinkCode", "LinkLockout",
             "OutboxMessage", "SentReminder", "TrimesterSelfAssessment"],
            db.Model.GetEntityTypes().Where(e => e.GetProperties().Any(p => p.Name is "PersonId" or "AboutPersonId")).Select(e => e.ClrType.Name).Order());
    }

    [Fact]
    public async Task ANewcomerTypingTheCode_JoinsThePerson_WithNothingToMerge()
    {
        await LogSessionAsync("webchat", "lea-web");
        var code = await CodeAsync("webchat", "lea-web");
        var replies = await TeamsAsync($"/lier {code}");
        // The welcome of a first contact, then the link; nothing merged to speak of.
        Assert.StartsWith("Salut ! 👋", replies[0]);
        Assert.Equal("C'est relié ✅ Je te reconnais maintenant sur le chat du site et Teams : tout ce que tu fais est au même endroit.", replies[^1]);
        Assert.Equal(3, replies.Length);
        Assert.Equal(1, await Bot.WithDbAsync(db => db.People.CountAsync()));
        Assert.Contains("- 1 séance notée :", (await TeamsAsync("mes données"))[0]);
    }

    [Fact]
    public async Task Delier_DetachesThisChannel_IntoANewEmptyPerson_TheDataStayingWithTheOthers()
    {
        var (web, _) = await TwoLeasAsync();
        await DiscordAsync($"/lier {await CodeAsync("webchat", "lea-web")}");

        Assert.Equal(["C'est fait : Discord n'est plus relié à tes autres comptes. Ici, je repars de zéro ; " +
                      "tes séances, tes demandes et tes bilans restent sur le chat du site."], await DiscordAsync("/délier"));
        var discord = await PersonOfAsync("lea-discord");
        Assert.NotEqual(web, discord);
        await Bot.WithDbAsync(async db =>
        {
            Assert.Equal(["webchat:lea-web"],
                await db.ChannelIdentities.Where(i => i.PersonId == web).Select(i => i.Channel + ":" + i.ExternalId).ToListAsync());
            Assert.Equal(3, await db.Contributions.CountAsync(c => c.PersonId == web));
            Assert.Equal(2, await db.BadgeRequests.CountAsync(r => r.PersonId == web));
            Assert.False(await db.Contributions.AnyAsync(c => c.PersonId == discord));
            Assert.False(await db.BadgeRequests.AnyAsync(r => r.PersonId == discord));
            // The conversation it was typed in is the new person's; another on that channel follows at its next turn.
            Assert.Equal(discord, (await db.Conversations.SingleAsync(c => c.ConversationId == "discord:lea-discord")).PersonId);
        });
        Assert.Contains("- aucune séance notée", (await DiscordAsync("mes données"))[0]);

        // Alone now: nothing left to detach, here or there.
        Assert.Equal(["Ce canal n'est relié à aucun autre : il n'y a rien à délier 🙂"], await DiscordAsync("/délier"));
        Assert.Equal(["Ce canal n'est relié à aucun autre : il n'y a rien à délier 🙂"], await WebChatAsync("délier"));
        Assert.Equal(2, await Bot.WithDbAsync(db => db.People.CountAsync()));
    }

    [Fact]
    public async Task ErasingALinkedPerson_RemovesEveryIdentitysData()
    {
        await TwoLeasAsync();
        await DiscordAsync($"/lier {await CodeAsync("webchat", "lea-web")}");
        await LogSessionAsync("teams", "tom-teams", "vendredi", "Le code de Tom");

        await DiscordAsync("supprimer mes données");
        Assert.Equal(["C'est fait : j'ai effacé toutes tes données. Si tu m'écris de nouveau, ce sera comme une première fois."],
            await DiscordAsync("oui"));

        // Each channel was asked to erase what it keeps about both of her identities.
        Assert.Equal(["discord:lea-discord", "webchat:lea-web"], _eraser.Erased.Order());
        await Bot.WithDbAsync(async db =>
        {
            Assert.Equal(["teams:tom-teams"], await db.ChannelIdentities.Select(i => i.Channel + ":" + i.ExternalId).ToListAsync());
            var tom = await db.People.Select(p => p.Id).SingleAsync();
            Assert.All(await db.Contributions.ToListAsync(), c => Assert.Equal(tom, c.PersonId));
            Assert.False(await db.BadgeRequests.AnyAsync());
            Assert.False(await db.TrimesterSelfAssessments.AnyAsync());
            Assert.False(await db.GuideProgress.AnyAsync());
            Assert.False(await db.SentReminders.AnyAsync());
            Assert.False(await db.Outbox.AnyAsync());
            Assert.False(await db.LinkCodes.AnyAsync());
            Assert.All(await db.Conversations.ToListAsync(), c => Assert.Equal(tom, c.PersonId));
        });
        // On the web chat too, she is someone new.
        Assert.StartsWith("Salut ! 👋", (await WebChatAsync("salut"))[0]);
    }

    private Task<Guid> PersonOfAsync(string externalId) =>
        Bot.WithDbAsync(db => db.ChannelIdentities.Where(i => i.ExternalId == externalId).Select(i => i.PersonId).SingleAsync());

    private sealed class RecordingEraser : IChannelDataEraser
    {
        public List<string> Erased { get; } = [];

        public Task EraseAsync(IReadOnlyList<ChannelIdentity> identities, string currentConversationId, CancellationToken ct)
        {
            Erased.AddRange(identities.Select(i => $"{i.Channel}:{i.ExternalId}"));
            return Task.CompletedTask;
        }
    }
}
