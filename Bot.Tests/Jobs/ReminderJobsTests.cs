using Bot.Dialogs.Engine;
using Bot.Dialogs.Reminders;
using Bot.Jobs;
using Bot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Jobs;

/// <summary>The scheduled side on a real SQLite file: who gets what, and exactly once.</summary>
public class ReminderJobsTests : IAsyncLifetime
{
    // Saturday 21 November 2026: the tests move the clock forward from there.
    private readonly FakeTimeProvider _clock = Clocks.At(new DateOnly(2026, 11, 21));
    private DialogHarness _bot = null!;
    private readonly RecordingJobClient _jobs = new();

    public async Task InitializeAsync()
    {
        _bot = await DialogHarness.StartAsync(_clock, services => services.AddScoped<ReminderJobs>().AddSingleton<Hangfire.IBackgroundJobClient>(_jobs));
        // Léa, Tom and Sam logged Friday 20 November; Sam turned reminders off; Zoé never logged anything.
        foreach (var (id, name) in new[] { ("lea", "Léa"), ("tom", "Tom"), ("sam", "Sam") })
            foreach (var turn in new[] { "/jai-partagé vendredi", "Un atelier", "Plein de choses", "autre", "2", "oui" })
                await _bot.PupilSaysAsync(id, name, turn);
        await _bot.PupilSaysAsync("sam", "Sam", "stop rappels");
        await _bot.PupilSaysAsync("zoe", "Zoé", "bonjour");
        await _bot.CounsellorSaysAsync("bonjour");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task RunAsync(Func<ReminderJobs, Task> job)
    {
        await using var scope = _bot.Services.CreateAsyncScope();
        await job(scope.ServiceProvider.GetRequiredService<ReminderJobs>());
        await _bot.DeliverAsync();
    }

    private async Task RunEnqueuedAsync(IEnumerable<Hangfire.Common.Job> jobs)
    {
        foreach (var job in jobs.ToList())
        {
            await using var scope = _bot.Services.CreateAsyncScope();
            await RecordingJobClient.RunAsync(job, scope.ServiceProvider.GetRequiredService<ReminderJobs>());
        }
        await _bot.DeliverAsync();
    }

    /// <summary>Runs the queued jobs, then those they queued, until none is left (the recurring job fans out per group, then per pupil).</summary>
    private async Task RunAllAsync(IEnumerable<Hangfire.Common.Job> first)
    {
        var done = _jobs.Enqueued.Count;
        await RunEnqueuedAsync(first.ToList());
        while (done < _jobs.Enqueued.Count)
        {
            var batch = _jobs.Enqueued.Skip(done).ToList();
            done += batch.Count;
            await RunEnqueuedAsync(batch);
        }
    }

    private IEnumerable<string> RemindedPupils() =>
        _bot.Notices.Sent.Where(s => s.Replies[0] is ChoicesReply c && c.Text.StartsWith("Coucou !", StringComparison.Ordinal)).Select(s => s.UserId);

    [Fact]
    public async Task TheFridayReminder_GoesToActivePupilsWhoHaveNotLoggedToday_ExceptThoseWhoSaidStop()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero)); // Friday 17:00 in Paris
        await _bot.PupilSaysAsync("tom", "Tom", "/jai-partagé vendredi"); // Tom starts logging today…
        foreach (var turn in new[] { "La badgeuse", "Plein de choses", "numérique", "3", "oui" }) await _bot.PupilSaysAsync("tom", "Tom", turn);

        await RunAsync(j => j.FridayReminderAsync(default));
        await RunAllAsync(_jobs.Enqueued);

        Assert.Equal(["lea"], RemindedPupils());
        var (_, message) = _bot.Notices.Sent.Single(s => s.UserId == "lea");
        Assert.Equal("Coucou ! 👋 C'était Peer to Peer aujourd'hui : prends une minute pour noter ce que tu as partagé et appris. (Écris « stop rappels » si tu ne veux plus de ce message.) [Noter ma séance]",
            DialogHarness.Render(message[0]));
    }

    [Fact]
    public async Task TheFridayReminder_RunTwice_OrStoppedHalfWayAndRunAgain_SendsEachMessageExactlyOnce()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero));
        await _bot.PupilSaysAsync("sam", "Sam", "rappels"); // back on: three pupils to remind

        await RunAsync(j => j.FridayReminderAsync(default));
        var groupJob = Assert.Single(_jobs.Enqueued); // the group's job…
        await RunEnqueuedAsync([groupJob]);
        Assert.Single(_jobs.Enqueued); // …writes its pupils' reminders itself: no job per pupil to queue and wait for
        Assert.Equal(["lea", "sam", "tom"], RemindedPupils().Order());
        _jobs.Enqueued.Clear();

        await RunAsync(j => j.FridayReminderAsync(default)); // the recurring job runs again: the group is planned already…
        Assert.Empty(_jobs.Enqueued);
        await RunEnqueuedAsync([groupJob]); // …and the group's job, retried (a worker died before it was marked done), sends nothing again.

        Assert.Equal(["lea", "sam", "tom"], RemindedPupils().Order());
        Assert.Equal(3, await _bot.WithDbAsync(db => db.SentReminders.CountAsync()));
    }

    [Fact]
    public async Task TheFridayReminder_OfAGroupStoppedHalfWay_SendsTheRestWhenRetried()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero));
        await _bot.PupilSaysAsync("sam", "Sam", "rappels");
        await RunAsync(j => j.FridayReminderAsync(default));
        var groupJob = Assert.Single(_jobs.Enqueued);

        // The worker died after the first pupil's reminder was committed: that pupil is recorded, the others not.
        await using (var scope = _bot.Services.CreateAsyncScope())
        {
            var messages = scope.ServiceProvider.GetRequiredService<ProactiveMessages>();
            var group = await _bot.WithDbAsync(db => db.Groups.Select(g => g.Id).SingleAsync());
            var first = (await messages.SessionReminderRecipientsAsync(group, new DateOnly(2026, 11, 27), default))[0];
            Assert.True(await messages.SendOnceAsync(ProactiveMessages.FridayReminderKind, "2026-11-27", first, ProactiveMessages.FridayReminder(), default));
        }
        await RunEnqueuedAsync([groupJob]);

        Assert.Equal(["lea", "sam", "tom"], RemindedPupils().Order());
        Assert.Equal(3, await _bot.WithDbAsync(db => db.SentReminders.CountAsync()));
    }

    [Theory]
    [InlineData(2026, 12, 25)] // a Friday in the Christmas holidays
    [InlineData(2026, 11, 26)] // a Thursday
    public async Task NoFridayReminder_OnHolidaysOrOtherDays(int year, int month, int day)
    {
        _clock.SetUtcNow(new DateTimeOffset(year, month, day, 16, 0, 0, TimeSpan.Zero));
        await RunAsync(j => j.FridayReminderAsync(default));
        Assert.Empty(_jobs.Enqueued);
    }

    [Fact]
    public async Task TheDigest_ReachesTheCounsellorOncePerWeek_OnlyWhenSomethingIsPending()
    {
        await RunAsync(j => j.PendingDigestAsync(default));
        Assert.Empty(_jobs.Enqueued); // nothing pending

        foreach (var turn in new[] { "/badges", "citoyen", "Sans message" }) await _bot.PupilSaysAsync("lea", "Léa", turn);
        await RunAsync(j => j.PendingDigestAsync(default));
        await RunAsync(j => j.PendingDigestAsync(default));
        await RunEnqueuedAsync(_jobs.Enqueued);

        var digest = Assert.Single(_bot.Notices.Sent, s => s.UserId == DialogHarness.CounsellorId);
        Assert.Equal("Bonjour ! Une demande de badge attend votre décision. [Voir les demandes]", DialogHarness.Render(digest.Replies[0]));
    }

    [Theory]
    [InlineData(2026, 12, 11, "Le 1er trimestre 2026-2027 se termine dans 7 jours (vendredi 18 décembre 2026). Voici où en est le trimestre ; /suivi pour le revoir, /eleve suivi d'un nom pour un élève, /demandes pour décider des badges :")]
    [InlineData(2026, 12, 18, "Dernier vendredi du 1er trimestre 2026-2027 : c'est le moment du bilan. Voici où en est le trimestre ; /suivi pour le revoir, /eleve suivi d'un nom pour un élève, /demandes pour décider des badges :")]
    public async Task TheNudge_ComesSevenDaysBeforeTheEnd_AndOnTheLastFriday_WithTheTrimester(int year, int month, int day, string text)
    {
        _clock.SetUtcNow(new DateTimeOffset(year, month, day, 8, 0, 0, TimeSpan.Zero));
        await RunAsync(j => j.TrimesterNudgeAsync(default));
        await RunEnqueuedAsync(_jobs.Enqueued);
        var (to, nudge) = Assert.Single(_bot.Notices.Sent);
        Assert.Equal(DialogHarness.CounsellorId, to);
        Assert.Equal(text, DialogHarness.Render(nudge[0]));
        Assert.StartsWith("**1er trimestre 2026-2027** (du mardi 1er septembre 2026 au vendredi 18 décembre 2026)\n\n- 3 élèves ont participé, 3 séances notées", DialogHarness.Render(nudge[1]));
    }

    [Fact]
    public async Task TheSelfAssessmentInvitation_GoesOnTheMondayOfTheLastWeek_ToPupilsWhoTookPart_Once()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 13, 9, 0, 0, TimeSpan.Zero)); // Sunday: not yet
        await RunAsync(j => j.SelfAssessmentInvitationAsync(default));
        Assert.Empty(_jobs.Enqueued);

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero)); // Monday 14 December, the trimester ends on Friday 18
        await RunAsync(j => j.SelfAssessmentInvitationAsync(default));
        await RunAsync(j => j.SelfAssessmentInvitationAsync(default));
        await RunEnqueuedAsync(_jobs.Enqueued);

        var invited = _bot.Notices.Sent.Where(s => s.Replies[0] is ChoicesReply c && c.Text.StartsWith("Le trimestre se termine bientôt", StringComparison.Ordinal))
            .Select(s => s.UserId).Order();
        Assert.Equal(["lea", "sam", "tom"], invited); // Zoé took no part; the counsellor is not a pupil
    }

    [Fact]
    public async Task NoNudge_OnOtherDays()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 8, 0, 0, TimeSpan.Zero));
        await RunAsync(j => j.TrimesterNudgeAsync(default));
        Assert.Empty(_jobs.Enqueued);
    }

    [Fact]
    public async Task StopRappels_AndRappels_AnswerInFrench()
    {
        Assert.Equal(["C'est noté : je ne t'enverrai plus de rappel le vendredi. Écris « rappels » si tu changes d'avis."], await _bot.PupilSaysAsync("lea", "Léa", "stop rappels"));
        Assert.Equal(["C'est reparti : je te rappellerai de noter ta séance le vendredi. Écris « stop rappels » pour arrêter."], await _bot.PupilSaysAsync("lea", "Léa", "rappels"));
    }
}
