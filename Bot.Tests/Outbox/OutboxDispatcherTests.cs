using Bot.Dialogs.Notices;
using Bot.Outbox;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Outbox;

/// <summary>The dispatcher on a real SQLite file: order per recipient, waits, leases.</summary>
public class OutboxDispatcherTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.Sunday);
    private DialogHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await DialogHarness.StartAsync(_clock);
        foreach (var badge in new[] { "numérique", "citoyen" })
            foreach (var turn in new[] { "/badges", badge, "Sans message" }) await _bot.PupilSaysAsync("lea", "Léa", turn);
        await _bot.CounsellorSaysAsync("bonjour");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task ApproveAllAsync()
    {
        var ids = await _bot.WithDbAsync(db => db.BadgeRequests.OrderBy(r => r.BadgeId).Select(r => r.Id).ToListAsync());
        foreach (var id in ids) await _bot.CounsellorSaysAsync("Approuver", $"start:review:approve:{id:N}");
    }

    private string[] Told(string userId) =>
        [.. _bot.Notices.Sent.Where(s => s.UserId == userId).Select(s => DialogHarness.Render(s.Replies[0]))];

    [Fact]
    public async Task AMessageWaitingForARetry_HoldsBackTheNextOnesToTheSamePerson()
    {
        _bot.Notices.LaterOnce.Add("lea"); // the first notice meets a rate limit
        await ApproveAllAsync();
        Assert.Empty(Told("lea")); // the second waits behind the first

        _clock.Advance(TimeSpan.FromMinutes(2));
        await _bot.DeliverAsync();
        var told = Told("lea");
        Assert.Equal(2, told.Length);
        Assert.Contains("Compétences numériques", told[0]); // in the order they were decided
        Assert.Contains("Engagement citoyen", told[1]);
        Assert.All(await _bot.WithDbAsync(db => db.Outbox.ToListAsync()), m => Assert.Equal(OutboxStatus.Delivered, m.Status));
    }

    [Fact]
    public async Task ARowAnotherInstanceHolds_IsNotTaken_AndTheNextWaitIsItsLease()
    {
        _bot.Notices.LaterOnce.Add("lea");
        await ApproveAllAsync();
        var held = _clock.GetUtcNow().UtcDateTime.AddSeconds(90);
        await _bot.WithDbAsync(db => db.Outbox.Where(m => m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, held).SetProperty(m => m.NextAttemptAt, _clock.GetUtcNow().UtcDateTime)));

        var next = await _bot.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(default);

        Assert.Empty(Told("lea"));
        Assert.Equal(TimeSpan.FromSeconds(90), next); // not 0: no busy loop while another instance sends
    }

    [Fact]
    public async Task ARowThatKeepsFailing_EndsAfterItsAttempts_AndLosesItsWords()
    {
        await ApproveAllAsync();
        await _bot.WithDbAsync(async db =>
        {
            db.Outbox.Add(new OutboxMessage
            {
                Channel = "test", Recipient = "tom", Replies = Bot.Dialogs.Engine.ReplyJson.Write([new Bot.Dialogs.Engine.TextReply("Coucou")]),
                CreatedAt = _clock.GetUtcNow().UtcDateTime, NextAttemptAt = _clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });
        for (var attempt = 0; attempt < OutboxDispatcher.MaxAttempts + 1; attempt++)
        {
            _bot.Notices.LaterOnce.Add("tom");
            await _bot.DeliverAsync();
            _clock.Advance(TimeSpan.FromMinutes(11));
        }
        var row = await _bot.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Recipient == "tom"));
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal("[]", row.Replies);
        Assert.Empty(Told("tom"));
    }
}
