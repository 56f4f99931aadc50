using Bot.Dialogs.Engine;
using Bot.Dialogs.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using T = Bot.Dialogs.Linking.LinkTexts;

namespace Bot.Dialogs.Linking;

/// <summary>
/// <c>/lier</c>: a one-time code for the pupil to type on another channel. <c>/lier CODE</c> (or <c>lier CODE</c>
/// when nothing else is going on) attaches the channel where it is typed to the code's person, merging the
/// person who typed it into them. Wrong codes count against the one who types (<see cref="LinkLockout"/>).
/// Counsellors are never linked. Codes are neither stored nor logged, only their hash.
/// </summary>
public sealed partial class LinkDialog(IOptions<BadgeCatalog> catalog, ILogger<LinkDialog> logger) : IDialog
{
    public string Name => "link";
    public string StartChoiceId => "start:link";
    public string MenuLabel => "";

    private static readonly CommandDeclaration[] Declared =
    [
        new("lier", T.LinkCommand, "link", "Link your accounts (site chat, Discord, Teams) with a code")
        {
            Argument = new("code", T.CodeArgument, Required: false),
        },
    ];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args) =>
        TryCommand(folded, "/lier", out args) || (!dialogActive && TryCommand(folded, "lier", out args));

    /// <summary>The command alone or followed by a space: its arguments are what follows.</summary>
    internal static bool TryCommand(string folded, string command, out string? args)
    {
        args = null;
        if (!folded.StartsWith(command, StringComparison.Ordinal) || (folded.Length > command.Length && folded[command.Length] != ' ')) return false;
        args = folded[command.Length..].Trim();
        return true;
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        if (context.Message.IsCounsellor) context.Say(T.CounsellorRefused);
        else if (string.IsNullOrEmpty(args)) await NewCodeAsync(context, ct);
        else if (LinkCodes.Read(args) is { } code) await RedeemAsync(context, code, ct);
        else context.Say(T.NotACode);
        return StepOutcome.Done;
    }

    public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Done);

    public void Reprompt(TurnContext context) { }

    public string Help(TurnContext context) => T.LinkHelp;

    /// <summary>A new code, and the person's previous unused one forgotten.</summary>
    private async Task NewCodeAsync(TurnContext context, CancellationToken ct)
    {
        var db = context.Db;
        var personId = context.Person.Id;
        await db.LinkCodes.Where(c => c.PersonId == personId && c.UsedAt == null).ExecuteDeleteAsync(ct);
        string code, hash;
        // A code still on record (used, or expired and not yet deleted) is not given again: its hash is unique.
        do
        {
            code = LinkCodes.NewCode();
            hash = LinkCodes.Hash(code);
        }
        while (await db.LinkCodes.AnyAsync(c => c.CodeHash == hash, ct));
        var now = context.Now.UtcDateTime;
        db.LinkCodes.Add(new LinkCode { PersonId = personId, CodeHash = hash, CreatedAt = now, ExpiresAt = now + LinkCodes.Validity });
        context.Add(new TextReply(T.NewCode(code)) { Replay = T.NewCodeNotKept });
        context.Say(T.KeepItSecret);
        LogCodeGiven(personId);
    }

    private async Task RedeemAsync(TurnContext context, string code, CancellationToken ct)
    {
        var db = context.Db;
        var person = context.Person;
        var now = context.Now.UtcDateTime;
        var lockout = await db.LinkLockouts.FindAsync([person.Id], ct);
        if (lockout?.LockedUntil is { } until && until > now) { context.Say(T.Locked(until)); return; }

        var hash = LinkCodes.Hash(code);
        var found = await db.LinkCodes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeHash == hash, ct);
        if (found is null) { Fail(context, lockout, now); return; }
        if (found.PersonId == person.Id) { context.Say(T.AlreadyLinked); return; }
        if (found.UsedAt is not null) { context.Say(T.Used); return; }
        if (found.ExpiresAt <= now) { context.Say(T.Expired); return; }
        var owner = await db.People.FindAsync([found.PersonId], ct);
        if (owner is null) { context.Say(T.Used); return; }
        if (owner.IsCounsellor) { context.Say(T.CodeOfCounsellor); return; }
        // Once: of two channels typing it at the same moment, one takes it.
        if (await db.LinkCodes.Where(c => c.Id == found.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct) == 0)
        {
            context.Say(T.Used);
            return;
        }

        var report = await PersonMerge.MergeAsync(db, person, owner, ct);
        context.SwitchPerson(owner);
        var channels = await db.ChannelIdentities.Where(i => i.PersonId == owner.Id).Select(i => i.Channel).ToListAsync(ct);
        context.Say(T.Linked(channels));
        if (report.MovedAnything) context.Say(T.Merged(report));
        if (report.SameDaySessions.Count > 0) context.Say(T.SameDays(report.SameDaySessions));
        foreach (var (trimester, kept) in report.DoubleAssessments) context.Say(T.AssessmentKept(trimester, kept));
        foreach (var badge in report.DoubleRequests) context.Say(T.RequestKept(catalog.Value.Find(badge)?.Name ?? badge));
        if (report.RemindersTurnedOff) context.Say(T.RemindersOff);
        LogLinked(person.Id, owner.Id, report.Sessions, report.Requests, report.SelfAssessments);
    }

    /// <summary>A wrong code counts against who typed it; the fifth in a row locks linking for them.</summary>
    private void Fail(TurnContext context, LinkLockout? lockout, DateTime now)
    {
        var (left, until) = LinkCodes.CountWrongCode(context.Db, context.Person.Id, lockout, now);
        if (until is null)
        {
            context.Say(T.WrongCode(left));
            return;
        }
        context.Say(T.Locked(until.Value));
        LogLocked(context.Person.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId} was given a link code")]
    private partial void LogCodeGiven(Guid personId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Person {From} linked into person {Into}: {Sessions} sessions, {Requests} requests, {Assessments} self-assessments moved")]
    private partial void LogLinked(Guid from, Guid into, int sessions, int requests, int assessments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Person {PersonId} typed too many wrong link codes: linking locked for them")]
    private partial void LogLocked(Guid personId);
}
