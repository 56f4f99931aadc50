using System.Diagnostics;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Reminders;
using Bot.Jobs;
using Bot.Store;
using Microsoft.EntityFrameworkCore;

namespace Bot.Bench;

/// <summary>One thing timed on both databases: what it returns is the time that counts.</summary>
internal sealed record RegionalOperation(string Name, Func<RegionalHost, Task<TimeSpan>> RunAsync);

/// <summary>
/// What the regional bench times. The counsellor's commands are whole turns. The Friday fan-out's planning grows
/// with the groups by design (every group is reminded): what is held to the target is its cost per group planned,
/// and the counsellor's own group's list of pupils to remind, which is the same question on both databases.
/// </summary>
internal static class RegionalOperations
{
    private static readonly Dictionary<RegionalHost, (int Groups, int Pupils, TimeSpan Total)> LastFanOut = [];

    public static RegionalOperation[] All(string pupilName) =>
    [
        Turn("/suivi", "/suivi", replies => Text(replies).Contains("1er trimestre 2026-2027", StringComparison.Ordinal)),
        // Her trimester under her name: "no pupil like…" repeats the name too.
        Turn("/eleve", "/eleve " + pupilName, replies => Text(replies).Contains($"**{pupilName}**, 1er trimestre", StringComparison.Ordinal)),
        Turn("/demandes", "/demandes", replies => replies.OfType<ChoicesReply>().Any(c => c.Choices.Any(x => x.Label == "Approuver"))),
        Turn("/export", "/export", replies => replies.OfType<FileReply>().Any(f => f.Content.Length > 200)),
        new("Friday fan-out planned, per group", FanOutPerGroupAsync),
        new("Friday fan-out, the counsellor's group's pupils", async bot =>
        {
            var (_, group) = await bot.CounsellorAsync();
            var clock = Stopwatch.StartNew();
            var pupils = await bot.InScopeAsync<ProactiveMessages, IReadOnlyList<Guid>>(m =>
                m.SessionReminderRecipientsAsync(group, RegionalCalendar.Today, CancellationToken.None));
            return Checked(clock.Elapsed, pupils.Count > 0, "no pupil to remind in the counsellor's group");
        }),
        new("weekly digest, the counsellor's", async bot =>
        {
            var (counsellor, _) = await bot.CounsellorAsync();
            var clock = Stopwatch.StartNew();
            var digest = await bot.InScopeAsync<ProactiveMessages, IReadOnlyList<Reply>?>(m => m.DigestAsync(counsellor, CancellationToken.None));
            return Checked(clock.Elapsed, digest is not null, "no digest for the counsellor");
        }),
        new("retention job (daily run, up to date)", async bot =>
        {
            var clock = Stopwatch.StartNew();
            await bot.InScopeAsync<Retention, int>(r => r.RunAsync(CancellationToken.None));
            return clock.Elapsed;
        }),
    ];

    public static IEnumerable<string> Notes(RegionalHost region, RegionalHost single) =>
        new[] { (region, "region"), (single, "single group") }.Where(x => LastFanOut.ContainsKey(x.Item1)).Select(x =>
            $"Friday fan-out planned on the {x.Item2}: {LastFanOut[x.Item1].Groups} groups due, {LastFanOut[x.Item1].Pupils:N0} pupils to remind, " +
            $"{LastFanOut[x.Item1].Total.TotalMilliseconds:F1} ms in all (last run)");

    /// <summary>
    /// The Friday job at 17:05 with every group due (today's marks removed first, untimed): the groups to remind,
    /// then each group's pupils in a scope of its own, as each group's job runs. The time per group planned.
    /// </summary>
    private static async Task<TimeSpan> FanOutPerGroupAsync(RegionalHost bot)
    {
        var day = ProactiveMessages.Day(RegionalCalendar.Today);
        await bot.InScopeAsync<StoreDbContext, int>(db =>
            db.GroupRuns.Where(r => r.Kind == ProactiveMessages.FridayReminderKind && r.Period == day).ExecuteDeleteAsync());
        var groups = await bot.InScopeAsync<StoreDbContext, int>(db => db.Groups.CountAsync(g => g.ArchivedAt == null));
        var clock = Stopwatch.StartNew();
        var due = await bot.InScopeAsync<ProactiveMessages, IReadOnlyList<Guid>>(m => m.GroupsToRemindAsync(CancellationToken.None));
        var pupils = 0;
        foreach (var group in due)
            pupils += (await bot.InScopeAsync<ProactiveMessages, IReadOnlyList<Guid>>(m =>
                m.SessionReminderRecipientsAsync(group, RegionalCalendar.Today, CancellationToken.None))).Count;
        var total = clock.Elapsed;
        LastFanOut[bot] = (due.Count, pupils, total);
        return Checked(total / Math.Max(due.Count, 1), due.Count == groups && pupils > 0, $"{due.Count} of {groups} groups due, {pupils} pupils");
    }

    private static RegionalOperation Turn(string name, string text, Func<IReadOnlyList<Reply>, bool> answered) => new(name, async bot =>
    {
        var clock = Stopwatch.StartNew();
        var result = await bot.CounsellorSaysAsync(text);
        return Checked(clock.Elapsed, answered(result.Replies), $"{text} answered: {Text(result.Replies)}");
    });

    /// <summary>A figure is only worth something if the work was done: a wrong answer stops the bench.</summary>
    private static TimeSpan Checked(TimeSpan elapsed, bool done, string what) =>
        done ? elapsed : throw new InvalidOperationException("The bench measured the wrong thing: " + what);

    private static string Text(IReadOnlyList<Reply> replies) => string.Join("\n", replies.Select(r => r switch
    {
        TextReply t => t.Text,
        ChoicesReply c => c.Text + " [" + string.Join(" | ", c.Choices.Select(x => x.Label)) + "]",
        FileReply f => "file " + f.Name,
        _ => r.GetType().Name,
    }));
}
