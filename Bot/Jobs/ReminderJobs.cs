using Bot.Dialogs.Reminders;
using Hangfire;

namespace Bot.Jobs;

/// <summary>
/// The Hangfire side of the reminders: each recurring job fans out one small job per recipient,
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
        if (await messages.SelfAssessmentInviteesAsync(messages.Today(), ct) is not { } due) return;
        var trimester = due.Trimester;
        foreach (var personId in due.Pupils)
            jobs.Enqueue<ReminderJobs>(j => j.SendSelfAssessmentInvitationAsync(personId, trimester, CancellationToken.None));
    }

    [AutomaticRetry(Attempts = 5)]
    public Task SendSelfAssessmentInvitationAsync(Guid personId, string trimester, CancellationToken ct) =>
        Queued(messages.SendOnceAsync(ProactiveMessages.SelfAssessmentKind, trimester, personId, ProactiveMessages.SelfAssessmentInvitation(), ct));

    [AutomaticRetry(Attempts = 3)]
    public async Task FridayReminderAsync(CancellationToken ct)
    {
        var today = messages.Today();
        foreach (var personId in await messages.FridayReminderRecipientsAsync(today, ct))
            jobs.Enqueue<ReminderJobs>(j => j.SendFridayReminderAsync(personId, ProactiveMessages.Day(today), CancellationToken.None));
    }

    [AutomaticRetry(Attempts = 5)]
    public Task SendFridayReminderAsync(Guid personId, string day, CancellationToken ct) =>
        Queued(messages.SendOnceAsync(ProactiveMessages.FridayReminderKind, day, personId, ProactiveMessages.FridayReminder(), ct));

    [AutomaticRetry(Attempts = 3)]
    public async Task PendingDigestAsync(CancellationToken ct)
    {
        if (await messages.DigestAsync(ct) is null) return;
        var week = ProactiveMessages.Week(messages.Today());
        if (messages.HasCounsellorRoom) { jobs.Enqueue<ReminderJobs>(j => j.SendDigestToRoomAsync(week, CancellationToken.None)); return; }
        foreach (var counsellor in await messages.CounsellorsAsync(ct))
            jobs.Enqueue<ReminderJobs>(j => j.SendDigestAsync(counsellor, week, CancellationToken.None));
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task SendDigestAsync(Guid counsellorId, string week, CancellationToken ct)
    {
        // Read again when sent: a request decided in between is no longer counted.
        if (await messages.DigestAsync(ct) is { } digest) await Queued(messages.SendOnceAsync(ProactiveMessages.DigestKind, week, counsellorId, digest, ct));
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task TrimesterNudgeAsync(CancellationToken ct)
    {
        var today = messages.Today();
        if (await messages.NudgeAsync(today, ct) is null) return;
        if (messages.HasCounsellorRoom) { jobs.Enqueue<ReminderJobs>(j => j.SendNudgeToRoomAsync(ProactiveMessages.Day(today), CancellationToken.None)); return; }
        foreach (var counsellor in await messages.CounsellorsAsync(ct))
            jobs.Enqueue<ReminderJobs>(j => j.SendNudgeAsync(counsellor, ProactiveMessages.Day(today), CancellationToken.None));
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task SendDigestToRoomAsync(string week, CancellationToken ct)
    {
        if (await messages.DigestAsync(ct) is { } digest) await Queued(messages.SendToRoomOnceAsync(ProactiveMessages.DigestKind, week, digest, ct));
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task SendNudgeToRoomAsync(string day, CancellationToken ct)
    {
        if (await messages.NudgeAsync(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), ct) is { } nudge)
            await Queued(messages.SendToRoomOnceAsync(ProactiveMessages.NudgeKind, day, nudge, ct));
    }

    [AutomaticRetry(Attempts = 5)]
    public async Task SendNudgeAsync(Guid counsellorId, string day, CancellationToken ct)
    {
        if (await messages.NudgeAsync(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), ct) is { } nudge)
            await Queued(messages.SendOnceAsync(ProactiveMessages.NudgeKind, day, counsellorId, nudge, ct));
    }

    /// <summary>Once the message is committed to the outbox, its delivery starts at once.</summary>
    private async Task Queued(Task<bool> send)
    {
        if (await send) outbox.Wake();
    }
}
