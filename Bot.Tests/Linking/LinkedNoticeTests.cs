using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;
using Bot.Dialogs.Reminders;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Linking;

/// <summary>A notice to a linked pupil: one row, to the channel she used last; the next channel only when that one fails her.</summary>
public class LinkedNoticeTests : LinkingTests
{
    private readonly RecordingNotifier _web = new("webchat");
    private readonly RecordingNotifier _discord = new("discord");

    protected override void Configure(IServiceCollection services)
    {
        services.AddScoped<IChannelNotifier>(_ => _web);
        services.AddScoped<IChannelNotifier>(_ => _discord);
    }

    /// <summary>Léa asks for a badge on the web chat at 10:00, then links Discord at 10:05.</summary>
    private async Task<Guid> LinkedLeaAsync()
    {
        await Bot.CounsellorSaysAsync("bonjour");
        foreach (var turn in new[] { "/badges", "citoyen", "Je viens souvent" }) await WebChatAsync(turn);
        var code = await CodeAsync("webchat", "lea-web");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await DiscordAsync($"/lier {code}");
        return await Bot.WithDbAsync(db => db.People.Where(p => !p.IsCounsellor).Select(p => p.Id).SingleAsync());
    }

    private async Task ApproveAsync(string badgeId)
    {
        var request = await Bot.WithDbAsync(db => db.BadgeRequests.SingleAsync(r => r.BadgeId == badgeId));
        await Bot.CounsellorSaysAsync("Approuver", $"start:review:approve:{request.Id:N}");
    }

    [Fact]
    public async Task ANotice_GoesToTheChannelUsedMostRecently_Only()
    {
        await LinkedLeaAsync();
        await ApproveAsync("engagement-citoyen");
        Assert.Equal("lea-discord", Assert.Single(_discord.Sent).UserId);
        Assert.Empty(_web.Sent);
        var sent = await Bot.WithDbAsync(db => db.Outbox.Select(m => ValueTuple.Create(m.Channel, m.Status)).SingleAsync());
        Assert.Equal(("discord", OutboxStatus.Delivered), sent);

        // She comes back on the web chat: the next notice goes there.
        Clock.Advance(TimeSpan.FromMinutes(5));
        foreach (var turn in new[] { "/badges", "numérique", "La découpeuse" }) await WebChatAsync(turn);
        await ApproveAsync("competences-numeriques");
        Assert.Equal("lea-web", Assert.Single(_web.Sent).UserId);
        Assert.Single(_discord.Sent);
    }

    [Fact]
    public async Task EachTurn_NotesWhenTheIdentityWasUsed_ToTheMinute()
    {
        await LinkedLeaAsync();
        async Task<DateTimeOffset?> LastUsedAsync() =>
            await Bot.WithDbAsync(db => db.ChannelIdentities.Where(i => i.ExternalId == "lea-web").Select(i => i.LastUsedAt).SingleAsync());
        var start = Clock.GetUtcNow();
        await WebChatAsync("bonjour");
        Assert.Equal(start, await LastUsedAsync());
        // Within the minute, a turn writes nothing more; past it, the time moves on.
        Clock.Advance(TimeSpan.FromSeconds(50));
        await WebChatAsync("bonjour");
        Assert.Equal(start, await LastUsedAsync());
        Clock.Advance(TimeSpan.FromSeconds(20));
        await WebChatAsync("bonjour");
        Assert.Equal(Clock.GetUtcNow(), await LastUsedAsync());
    }

    [Fact]
    public async Task AChannelKnownUnreachable_IsSkipped_WhenTheNoticeIsWritten()
    {
        await LinkedLeaAsync();
        _discord.Unreachable.Add("lea-discord");
        await ApproveAsync("engagement-citoyen");
        Assert.Equal("lea-web", Assert.Single(_web.Sent).UserId);
        var sent = await Bot.WithDbAsync(db => db.Outbox.Select(m => ValueTuple.Create(m.Channel, m.Status)).SingleAsync());
        Assert.Equal(("webchat", OutboxStatus.Delivered), sent);
    }

    [Fact]
    public async Task WhenTheMostRecentChannel_TurnsOutUnreachable_TheNextOneGetsTheNotice_UnderTheSameNoticeId()
    {
        var lea = await LinkedLeaAsync();
        await QueueAsync(lea, "Bonne nouvelle !");
        _discord.Unreachable.Add("lea-discord"); // blocked between the commit and the delivery
        await Bot.DeliverAsync();

        Assert.Equal("Bonne nouvelle !", Assert.IsType<TextReply>(Assert.Single(Assert.Single(_web.Sent).Replies)).Text);
        var rows = await Bot.WithDbAsync(db => db.Outbox.OrderBy(m => m.Id).ToListAsync());
        Assert.Equal([("discord", OutboxStatus.Unreachable), ("webchat", OutboxStatus.Delivered)], rows.Select(m => (m.Channel, m.Status)));
        Assert.Single(rows.Select(m => m.NoticeId).Distinct());
        Assert.All(rows, m => Assert.Equal("[]", m.Replies)); // done with: the words are gone
    }

    [Fact]
    public async Task WhenTheOutboxGivesUpOnAChannel_TheNextOneGetsTheNotice()
    {
        var lea = await LinkedLeaAsync();
        _discord.AlwaysLater.Add("lea-discord");
        await QueueAsync(lea, "Bonne nouvelle !");
        for (var attempt = 0; attempt < 10 && _web.Sent.Count == 0; attempt++)
        {
            await Bot.DeliverAsync();
            Clock.Advance(TimeSpan.FromMinutes(2));
        }
        Assert.Equal("lea-web", Assert.Single(_web.Sent).UserId);
        Assert.Equal([("discord", OutboxStatus.Failed), ("webchat", OutboxStatus.Delivered)],
            await Bot.WithDbAsync(async db => (await db.Outbox.OrderBy(m => m.Id).ToListAsync()).Select(m => (m.Channel, m.Status)).ToList()));
    }

    [Fact]
    public async Task WhenNoChannelReachesHer_EachIsTriedOnce_AndTheDigestNamesHerOnce()
    {
        var lea = await LinkedLeaAsync();
        await QueueAsync(lea, "Bonne nouvelle !", PersonNotifier.DecisionTopic);
        _discord.Unreachable.Add("lea-discord");
        _web.Unreachable.Add("lea-web");
        await Bot.DeliverAsync();

        Assert.Equal([("discord", OutboxStatus.Unreachable), ("webchat", OutboxStatus.Unreachable)],
            await Bot.WithDbAsync(async db => (await db.Outbox.OrderBy(m => m.Id).ToListAsync()).Select(m => (m.Channel, m.Status)).ToList()));
        await using var scope = Bot.Services.CreateAsyncScope();
        var digest = await scope.ServiceProvider.GetRequiredService<ProactiveMessages>().DigestAsync(null, default);
        Assert.Contains("Léa", Assert.IsType<ChoicesReply>(Assert.Single(digest!)).Text);
    }

    /// <summary>A notice written and committed as a turn or a job would, not delivered yet.</summary>
    private async Task QueueAsync(Guid personId, string text, string? topic = null)
    {
        await using var scope = Bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PersonNotifier>().NotifyAsync(personId, [new TextReply(text)], default, topic);
        await scope.ServiceProvider.GetRequiredService<Bot.Store.StoreDbContext>().SaveChangesAsync();
    }
}
