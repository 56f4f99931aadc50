using Bot.Channels.WebChat;
using Bot.Jobs;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Jobs;

public class RetentionTests
{
    [Fact]
    public async Task DataPastItsRetention_IsDeleted_AndNothingYounger()
    {
        using var database = new TempDatabase();
        var clock = Clocks.At(Clocks.Sunday);
        await using var app = new BotApp(database.ConnectionString, clock);
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        foreach (var turn in new[] { "/jai-partagé vendredi", "Un atelier", "Plein de choses", "autre", "2", "oui" }) await lea.SayAsync(turn);
        await lea.SayAsync("/jai-partagé"); // a half-logged session: conversation state left behind

        async Task<(int States, int Messages, int Sessions)> CountAsync()
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(default);
            return (await db.Conversations.CountAsync(), await db.DirectLineActivities.CountAsync(), await db.Contributions.CountAsync());
        }

        var start = await CountAsync();
        Assert.Equal(1, start.States);
        Assert.True(start.Messages > 10);
        Assert.Equal(1, start.Sessions);

        clock.Advance(TimeSpan.FromDays(31)); // state: 30 days
        Assert.Equal((0, start.Messages, 1), await CountAsync());

        clock.Advance(TimeSpan.FromDays(60)); // transcripts: 90 days
        Assert.Equal((0, 0, 1), await CountAsync());

        clock.Advance(TimeSpan.FromDays(700)); // sessions: 730 days
        Assert.Equal((0, 0, 0), await CountAsync());
    }
}

public class ChannelRetentionTests
{
    [Fact]
    public async Task KeptAnswers_LastADay_DoneOutboxRowsAsLongAsReminders_AndChannelsForgetUsersTheBotNoLongerKnows()
    {
        using var database = new TempDatabase();
        var clock = Clocks.At(Clocks.Sunday);
        await using var app = new BotApp(database.ConnectionString, clock);
        using var http = app.CreateClient();
        var lea = new DirectLineClient(http, "lea");
        await lea.StartAsync();
        await lea.SayAsync("bonjour"); // a delivery with its key: its answer is kept for a retry
        var now = clock.GetUtcNow();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            db.Outbox.Add(new Bot.Dialogs.Notices.OutboxMessage
            {
                Channel = "webchat", Recipient = "lea", Status = Bot.Dialogs.Notices.OutboxStatus.Delivered,
                CreatedAt = now.UtcDateTime, NextAttemptAt = now.UtcDateTime, DoneAt = now.UtcDateTime,
            });
            // Known users and users the bot no longer knows (their person erased or expired), on Discord and Teams.
            db.Add(new Bot.Channels.Discord.DiscordDmChannel { UserId = "gone", ChannelId = "dm-gone", UpdatedAt = now });
            db.Add(new Bot.Channels.Teams.TeamsConversation { UserId = "aad-gone", Reference = "{}", UpdatedAt = now });
            db.People.Add(new Bot.Dialogs.People.Person
            {
                CreatedAt = now,
                Identities = [new() { Channel = "discord", ExternalId = "known" }, new() { Channel = "teams", ExternalId = "aad-known" }],
            });
            db.Add(new Bot.Channels.Discord.DiscordDmChannel { UserId = "known", ChannelId = "dm-known", UpdatedAt = now });
            db.Add(new Bot.Channels.Teams.TeamsConversation { UserId = "aad-known", Reference = "{}", UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        async Task<(int Kept, int Outbox, string[] Discord, string[] Teams)> RunAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(default);
            var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
            return (await db.ProcessedTurns.CountAsync(), await db.Outbox.CountAsync(),
                [.. (await db.Set<Bot.Channels.Discord.DiscordDmChannel>().Select(d => d.UserId).ToListAsync()).Order()],
                [.. (await db.Set<Bot.Channels.Teams.TeamsConversation>().Select(c => c.UserId).ToListAsync()).Order()]);
        }

        var start = await RunAsync();
        Assert.Equal((1, 1), (start.Kept, start.Outbox));
        Assert.Equal(["gone", "known"], start.Discord);

        clock.Advance(TimeSpan.FromDays(2)); // kept answers: a day
        var later = await RunAsync();
        Assert.Equal((0, 1), (later.Kept, later.Outbox));

        clock.Advance(TimeSpan.FromDays(30)); // unknown users' ways to reach them: 30 days untouched
        var month = await RunAsync();
        Assert.Equal(["known"], month.Discord);
        Assert.Equal(["aad-known"], month.Teams);

        clock.Advance(TimeSpan.FromDays(60)); // done outbox rows: as long as reminder records (90 days)
        Assert.Equal(0, (await RunAsync()).Outbox);
    }
}
