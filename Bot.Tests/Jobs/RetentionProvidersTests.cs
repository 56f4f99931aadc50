using Bot.Channels.WebChat;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Groups;
using Bot.Dialogs.People;
using Bot.Dialogs.Reminders;
using Bot.Dialogs.SelfAssessment;
using Bot.Dialogs.Store;
using Bot.Jobs;
using Bot.Store;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Jobs;

/// <summary>
/// Retention (and the web chat's transcripts' rule) compares DateTimeOffset dates in SQL on PostgreSQL and in memory
/// on SQLite: the same rows, the same days, the same rows left on both.
/// </summary>
public class RetentionProvidersTests
{
    [SkippableFact]
    public async Task EachDatedRule_DeletesTheSameRows_OnPostgreSql_AsOnSqlite()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        using var sqlite = new TempDatabase();
        // Days after the rows were written, and what is left: conversations (30 days), reminders' records and plan marks
        // (90), requests, self-assessments and people quiet for 730 (Léa, and Sam who never spoke; Tom spoke on day 100);
        // a web chat transcript's messages 90 days each (the second was written on day 60), then the conversation left empty.
        (int Days, Counts Left)[] steps =
        [
            (29, new(3, 3, 1, 1, 1, 3, 2, 1)), (31, new(0, 3, 1, 1, 1, 3, 2, 1)), (89, new(0, 3, 1, 1, 1, 3, 2, 1)),
            (91, new(0, 0, 0, 1, 1, 3, 1, 1)), (151, new(0, 0, 0, 1, 1, 3, 0, 0)), (729, new(0, 0, 0, 1, 1, 3, 0, 0)),
            (731, new(0, 0, 0, 0, 0, 1, 0, 0)),
        ];
        foreach (var (connectionString, provider) in new[] { (sqlite.ConnectionString, "Sqlite"), (postgres.ConnectionString, "PostgreSql") })
        {
            var clock = Clocks.At(Clocks.Sunday);
            await using var app = new BotApp(connectionString, clock, provider: provider);
            var start = clock.GetUtcNow();
            await SeedAsync(app.Services, start);
            foreach (var (days, left) in steps)
            {
                clock.SetUtcNow(start.AddDays(days));
                Assert.Equal((provider, days, left), (provider, days, await RunAsync(app.Services)));
            }
        }
    }

    private sealed record Counts(int Conversations, int Reminders, int Runs, int Requests, int Assessments, int People, int Messages, int Chats);

    private static async Task SeedAsync(IServiceProvider services, DateTimeOffset now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var group = await db.Groups.FirstAsync();
        foreach (var (name, spoke) in new[] { ("lea", now), ("tom", now.AddDays(100)), ("sam", (DateTimeOffset?)null) })
        {
            var person = new Person { DisplayName = name, GroupId = group.Id, CreatedAt = now };
            person.Identities.Add(new ChannelIdentity { Channel = "webchat", ExternalId = name, LastUsedAt = spoke });
            db.People.Add(person);
            db.Conversations.Add(new ConversationRecord { Channel = "webchat", ConversationId = "c-" + name, PersonId = person.Id, UpdatedAt = now });
            db.SentReminders.Add(new SentReminder { Kind = "friday-reminder", Period = "2026-11-27", PersonId = person.Id, SentAt = now, Delivered = true });
            if (name != "lea") continue;
            db.BadgeRequests.Add(new BadgeRequest { PersonId = person.Id, GroupId = group.Id, BadgeId = "engagement-citoyen", CreatedAt = now });
            db.TrimesterSelfAssessments.Add(new TrimesterSelfAssessment { PersonId = person.Id, GroupId = group.Id, Trimester = "t1", UpdatedAt = now });
        }
        db.GroupRuns.Add(new GroupRun { GroupId = group.Id, Kind = "friday-reminder", Period = "2026-11-27", RanAt = now });
        db.DirectLineConversations.Add(new DirectLineConversation { Id = "dl-lea", UserId = "lea", CreatedAt = now, ActivityCount = 2 });
        foreach (var (sequence, at) in new[] { (1, now), (2, now.AddDays(60)) })
            db.DirectLineActivities.Add(new DirectLineActivity
            {
                ConversationId = "dl-lea", Sequence = sequence, ActivityId = $"dl-lea|{sequence}", Json = "{}", CreatedAt = at,
            });
        await db.SaveChangesAsync();
    }

    private static async Task<Counts> RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Retention>().RunAsync(default);
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        return new(await db.Conversations.CountAsync(), await db.SentReminders.CountAsync(), await db.GroupRuns.CountAsync(),
            await db.BadgeRequests.CountAsync(), await db.TrimesterSelfAssessments.CountAsync(), await db.People.CountAsync(),
            await db.DirectLineActivities.CountAsync(), await db.DirectLineConversations.CountAsync());
    }
}
