using Bot.Dialogs.Engine;
using Bot.Dialogs.Reminders;
using Bot.Jobs;
using Bot.Tests.Support;
using Cronos;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Jobs;

public class ScheduleTests
{
    private static readonly Dictionary<string, string> Crons = JobsExtensions.Schedule(new RemindersOptions()).ToDictionary(s => s.Id, s => s.Cron);

    private static DateTimeOffset? Next(string id, DateTimeOffset from) =>
        CronExpression.Parse(Crons[id]).GetNextOccurrence(from, ParisTime.Zone);

    [Theory]
    // The Friday reminder at 17:00 in Paris, whatever the season: 15:00 UTC in summer time, 16:00 in winter.
    [InlineData("pending-digest", "2027-03-28T00:30:00Z", "2027-03-29T07:00:00Z")] // Monday 09:00, summer time
    [InlineData("pending-digest", "2026-11-29T10:00:00Z", "2026-11-30T08:00:00Z")] // Monday 09:00, winter time
    [InlineData("trimester-nudge", "2026-10-25T07:30:00Z", "2026-10-25T08:00:00Z")] // 09:00 on the day the clocks go back
    public void NextRun_IsInParisTime_AcrossDaylightSaving(string id, string from, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), Next(id, DateTimeOffset.Parse(from)));

    [Fact]
    public void TheTimesComeFromConfiguration()
    {
        var schedule = JobsExtensions.Schedule(new RemindersOptions { DigestDay = DayOfWeek.Thursday, DigestAt = new TimeOnly(8, 15) })
            .ToDictionary(s => s.Id, s => s.Cron);
        Assert.Equal("*/5 * * * *", schedule[ReminderJobs.FridayReminderId]); // each group's own time: GroupsToRemindAsync
        Assert.Equal("15 8 * * 4", schedule[ReminderJobs.DigestId]);
    }

    [Fact]
    public async Task AtStart_TheJobsAreRegisteredInHangfire_WithStableIdsInEuropeParis()
    {
        using var database = new TempDatabase();
        await using var app = new BotApp(database.ConnectionString, Clocks.At(Clocks.Sunday));
        using var http = app.CreateClient(); // starts the app
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();
        Assert.Equal(["friday-reminder", "outbox-sweep", "pending-digest", "retention", "self-assessment", "trimester-nudge"], jobs.Select(j => j.Id).Order());
        Assert.All(jobs, j => Assert.Equal("Europe/Paris", j.TimeZoneId));
        Assert.Equal("*/5 * * * *", jobs.Single(j => j.Id == "friday-reminder").Cron);
    }
}
