using Bot.Channels.WebChat;
using Bot.Dialogs.Reminders;
using Bot.Jobs;
using Bot.Store;
using Bot.Tests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Jobs;

/// <summary>The Friday reminder on a real PostgreSQL, over the real web chat, with one and with two Bot instances.</summary>
[Collection(HangfireServersCollection.Name)]
public class PostgreSqlJobsTests
{
    private static readonly DateTimeOffset FridayFivePm = new(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);

    /// <summary>Léa and Tom log Friday 20 November over the web chat (the clock says Saturday 21).</summary>
    private static async Task SeedAsync(HttpClient http)
    {
        foreach (var pupil in new[] { "lea", "tom" })
        {
            var client = new DirectLineClient(http, pupil);
            await client.StartAsync();
            foreach (var turn in new[] { "/jai-partagé vendredi", "Un atelier", "Plein de choses", "autre", "2", "oui" }) await client.SayAsync(turn);
        }
    }

    private static async Task<Dictionary<string, int>> RemindersPerPupilAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var activities = await db.DirectLineActivities.AsNoTracking().Where(a => a.Json.Contains("Coucou !"))
            .Join(db.DirectLineConversations, a => a.ConversationId, c => c.Id, (a, c) => c.UserId!).ToListAsync();
        return activities.GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
    }

    [SkippableFact]
    public async Task RunTwice_OrStoppedHalfWay_EachPupilGetsExactlyOneReminder()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var clock = Clocks.At(new DateOnly(2026, 11, 21));
        var jobs = new RecordingJobClient();
        await using var app = new BotApp(database.ConnectionString, clock, services: s => s.Replace(ServiceDescriptor.Singleton<IBackgroundJobClient>(jobs)));
        using var http = app.CreateClient();
        await SeedAsync(http);
        clock.SetUtcNow(FridayFivePm);

        async Task Run(Func<ReminderJobs, Task> job)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await job(scope.ServiceProvider.GetRequiredService<ReminderJobs>());
        }
        await Run(j => j.FridayReminderAsync(default));
        var group = Assert.Single(jobs.Enqueued);
        jobs.Enqueued.Clear();
        // The group's job wrote its first pupil's reminder, then the worker died.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var messages = scope.ServiceProvider.GetRequiredService<ProactiveMessages>();
            var groupId = await scope.ServiceProvider.GetRequiredService<StoreDbContext>().Groups.Select(g => g.Id).SingleAsync();
            var first = (await messages.SessionReminderRecipientsAsync(groupId, DateOnly.FromDateTime(FridayFivePm.UtcDateTime), default))[0];
            await messages.SendOnceAsync(ProactiveMessages.FridayReminderKind, "2026-11-27", first, ProactiveMessages.FridayReminder(), default);
        }
        await Run(j => j.FridayReminderAsync(default)); // the job runs again: the group is planned already
        Assert.Empty(jobs.Enqueued);
        // The group's job is retried, by two workers at once: each pupil's record is written by one of them only.
        await Task.WhenAll(Run(j => RecordingJobClient.RunAsync(group, j)), Run(j => RecordingJobClient.RunAsync(group, j)));
        Assert.Empty(jobs.Enqueued); // no job per pupil
        await app.DeliverOutboxAsync();

        Assert.Equal(new Dictionary<string, int> { ["lea"] = 1, ["tom"] = 1 }, await RemindersPerPupilAsync(app.Services));
    }

    [SkippableFact]
    public async Task TwoInstances_TriggeringTheRecurringJobAtOnce_SendOneReminderPerPupil()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var clock = Clocks.At(new DateOnly(2026, 11, 21));
        await using var first = new BotApp(database.ConnectionString, clock, runJobs: true);
        await using var second = new BotApp(database.ConnectionString, clock, runJobs: true);
        using var httpA = first.CreateClient();
        using var httpB = second.CreateClient();
        await SeedAsync(httpA);
        clock.SetUtcNow(FridayFivePm);

        // Both instances' schedulers fire the same recurring job.
        first.Services.GetRequiredService<IRecurringJobManager>().Trigger(ReminderJobs.FridayReminderId);
        second.Services.GetRequiredService<IRecurringJobManager>().Trigger(ReminderJobs.FridayReminderId);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        Dictionary<string, int> sent;
        while ((sent = await RemindersPerPupilAsync(first.Services)).Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(500);
        await Task.Delay(3000); // time for a duplicate to show, if there were one
        Assert.Equal(new Dictionary<string, int> { ["lea"] = 1, ["tom"] = 1 }, await RemindersPerPupilAsync(second.Services));
    }

    private static async Task<Dictionary<string, int>> CountAsync(IServiceProvider services, string marker)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StoreDbContext>();
        var users = await db.DirectLineActivities.AsNoTracking().Where(a => a.Json.Contains(marker))
            .Join(db.DirectLineConversations, a => a.ConversationId, c => c.Id, (a, c) => c.UserId!).ToListAsync();
        return users.GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
    }

    private static async Task<Dictionary<string, int>> TriggerTwiceAndWaitAsync(BotApp app, string jobId, string marker, int people)
    {
        var manager = app.Services.GetRequiredService<IRecurringJobManager>();
        manager.Trigger(jobId);
        manager.Trigger(jobId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await CountAsync(app.Services, marker)).Count < people && DateTime.UtcNow < deadline) await Task.Delay(500);
        await Task.Delay(3000); // time for a duplicate to show, if there were one
        return await CountAsync(app.Services, marker);
    }

    [SkippableFact]
    public async Task EachRecurringJob_Registered_InEuropeParis_AndTriggeredTwice_DeliversOneMessagePerIntendedPerson()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var clock = Clocks.At(new DateOnly(2026, 11, 21));
        await using var app = new BotApp(database.ConnectionString, clock, runJobs: true);
        using var http = app.CreateClient();
        await SeedAsync(http);
        var counsellor = new DirectLineClient(http, "conseillere");
        await counsellor.StartAsync();
        await counsellor.SayAsync("bonjour");
        var lea = new DirectLineClient(http, "lea2");
        await lea.StartAsync();
        foreach (var turn in new[] { "/badges", "citoyen", "Sans message" }) await lea.SayAsync(turn);

        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var jobs = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);
            Assert.Equal(["friday-reminder", "outbox-sweep", "pending-digest", "retention", "self-assessment", "trimester-nudge"],
                jobs.Select(j => j.Id).Order());
            Assert.All(jobs, j => Assert.Equal("Europe/Paris", j.TimeZoneId));
        }

        clock.SetUtcNow(FridayFivePm);
        Assert.Equal(new Dictionary<string, int> { ["lea"] = 1, ["tom"] = 1 }, await TriggerTwiceAndWaitAsync(app, ReminderJobs.FridayReminderId, "Coucou !", 2));
        Assert.Equal(new Dictionary<string, int> { ["conseillere"] = 1 }, await TriggerTwiceAndWaitAsync(app, ReminderJobs.DigestId, "attend votre décision", 1));
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 11, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(new Dictionary<string, int> { ["conseillere"] = 1 }, await TriggerTwiceAndWaitAsync(app, ReminderJobs.NudgeId, "se termine dans 7 jours", 1));
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(new Dictionary<string, int> { ["lea"] = 1, ["tom"] = 1 }, await TriggerTwiceAndWaitAsync(app, ReminderJobs.SelfAssessmentId, "Le trimestre se termine bientôt", 2));
    }
}
