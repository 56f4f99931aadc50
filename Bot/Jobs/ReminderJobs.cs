using Bot.Dialogs.Reminders;
using Hangfire;

namespace Bot.Jobs;

/// <summary>
/// The Hangfire side of the reminders: each recurring job fans out one small job per recipient (and per group),
/// passing ids, and each of those queues its message at most once (ProactiveMessages.SendOnceAsync), then
/// wakes the outbox, which delivers it after that commit.
/// </summary>
public sealed class ReminderJobs(ProactiveMessages messages, IBackgroundJobClient jobs, Outbox.OutboxDispatcher outbox)
{
    public const string FridayReminderId = "friday-reminder";
    public const string NudgeId = "trimester-nudge";
    public const string DigestId = "pending-digest";
    public const string SelfAssessmentId = "self-assessment";

    [AutomaticRetry(Attempts = 3)]
    public async Task SelfAssessmentInvitationAsync(CancellationToken ct)
    {
        foreach (var (personId, trimester) in await messages.SelfAssessmentInviteesAsync(messages.Today(), ct))
            jobs.Enqueue<ReminderJobs>(j => j.SendSelfAssessmentInvitationAsync(personId, trimester, CancellationToken.None));
    }

    [AutomaticRetry(Attempts = 5)]
    public Task SendSelfAssessmentInvitationAsync(Guid personId, string trimester, CancellationToken ct) =>
        Queued(messages.SendOnceAsync(ProactiveMessages.SelfAssessmentKind, trimester, personId, ProactiveMessages.SelfAssessmentInvitation(), ct));

    /// <summary>Runs every few minutes: each group is reminded once its own session is over (its day and time).</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task FridayReminderAsync(CancellationToken ct)
    {
        var day = ProactiveMessages.Day(messages.Today());
        foreach (var groupId in await messages.GroupsToRemindAsync(ct))
            jobs.Enqueue<ReminderJobs>(j => j.GroupReminderAsync(groupId, day, CancellationToken.None));
    }

    /// <summary>
    /// A group's reminders, written by its job itself: each pupil's record and outbox row commit together, and the
    /// outbox starts delivering at the first commit. A job per pupil cost a round trip to Hangfire's queue each, and on a
    /// region's Friday (7,500 pupils) the first reminders waited ten seconds behind them. A retried job skips the pupils
    /// already recorded; a failure stops the group's job, and Hangfire's retry picks up from there.
    /// </summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task GroupReminderAsync(Guid groupId, string day, CancellationToken ct)
    {
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var reminder = ProactiveMessages.FridayReminder();
        foreach (var personId in await messages.SessionReminderRecipientsAsync(groupId, today, ct))
            await RemindAsync(personId, day, reminder, ct);
    }

    /// <summary>Kept for the jobs an earlier version queued, one per pupil, and not yet run when it was upgraded.</summary>
    [AutomaticRetry(Attempts = 5)]
    public Task SendFridayReminderAsync(Guid personId, string day, CancellationToken ct) =>
        RemindAsync(personId, day, ProactiveMessages.FridayReminder(), ct);

    private Task RemindAsync(Guid personId, string day, IReadOnlyList<Dialogs.Engine.Reply> reminder, CancellationToken ct) =>
        Queued(messages.SendOnceAsync(ProactiveMessages.FridayReminderKind, day, personId, reminder, ct));

    [AutomaticRetry(Attempts = 3)]
    public async Task PendingDigestAsync(CancellationToken ct)
    {
        // Nothing waits in any group: no job at all. Else each counsellor's digest is read again when sent, for their groups.
        if (await messages.DigestAsync(null, ct) is null) return;
        var week = ProactiveMessages.Week(messages.Today());
        if (await messages.UsesCounsellorRoomAsync(ct))
        {
            jobs.Enqueue<ReminderJobs>(j => j.SendDigestToRoomAsync(week, CancellationToken.None));
            return;
        }
        foreach (var counsellor in await messages.CounsellorsAsync(ct))
            jobs.Enqueue<ReminderJobs>(j => j.SendDigestAsync(counsellor, week, CancellationToken.None));
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task SendDigestAsync(Guid counsellorId, string week, CancellationToken ct)
    {
        // Read again when sent: a request decided in between is no longer counted.
        if (await messages.DigestAsync(counsellorId, ct) is { } digest)
            await Queued(messages.SendOnceAsync(ProactiveMessages.DigestKind, week, counsellorId, digest, ct));
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task TrimesterNudgeAsync(CancellationToken ct)
    {
        var today = messages.Today();
        var day = ProactiveMessages.Day(today);
        var room = await messages.UsesCounsellorRoomAsync(ct);
        foreach (var groupId in await messages.OpenGroupsAsync(ct))
        {
            if (await messages.NudgeAsync(today, groupId, ct) is null) continue;
            if (room) { jobs.Enqueue<ReminderJobs>(j => j.SendNudgeToRoomAsync(day, groupId, CancellationToken.None)); continue; }
            foreach (var counsellor in await messages.CounsellorsOfAsync(groupId, ct))
                jobs.Enqueue<ReminderJobs>(j => j.SendNudgeAsync(counsellor, day, groupId, CancellationToken.None));
        }
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task SendDigestToRoomAsync(string week, CancellationToken ct)
    {
        if (await messages.DigestAsync(null, ct) is { } digest) await Queued(messages.SendToRoomOnceAsync(ProactiveMessages.DigestKind, week, digest, ct));
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task SendNudgeToRoomAsync(string day, Guid groupId, CancellationToken ct)
    {
        if (await messages.NudgeAsync(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), groupId, ct) is { } nudge)
            await Queued(messages.SendToRoomOnceAsync(ProactiveMessages.NudgeKind, day, nudge, ct));
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task SendNudgeAsync(Guid counsellorId, string day, Guid groupId, CancellationToken ct)
    {
        // One nudge per group and day: a counsellor of two groups hears about each.
        if (await messages.NudgeAsync(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), groupId, ct) is { } nudge)
            await Queued(messages.SendOnceAsync(ProactiveMessages.NudgeKind, $"{day}/{groupId:N}", counsellorId, nudge, ct));
    }

    /// <summary>Once the message is committed to the outbox, its delivery starts at once.</summary>
    private async Task Queued(Task<bool> send)
    {
        if (await send) outbox.Wake();
    }
}
