using Bot.Dialogs.Engine;
using Bot.Dialogs.Linking;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using T = Bot.Dialogs.Groups.GroupTexts;

namespace Bot.Dialogs.Groups;

/// <summary>While a pupil is asked for their group's code; <see cref="Then"/>: the start of what they wanted to do.</summary>
/// <param name="MoveTo">The group a pupil already in another one is asked to confirm moving to.</param>
public sealed record JoinDraft(string? Then, Guid? MoveTo = null);

/// <summary>
/// <c>/rejoindre CODE</c> (or the code asked before anything that needs a group): the pupil joins the group, or moves
/// to it; what they logged stays with the group they logged it in. Wrong codes count against who types them, with
/// the linking codes' budget (<see cref="LinkLockout"/>). An archived group takes nobody new.
/// </summary>
public sealed partial class JoinDialog(ILogger<JoinDialog> logger) : IDialog
{
    public const string DialogName = "join";
    public string Name => DialogName;
    public string StartChoiceId => "start:join";
    public string MenuLabel => "";

    private static readonly CommandDeclaration[] Declared =
    [
        new("rejoindre", T.JoinCommand, "join", "Join your Peer to Peer group with its code") { Argument = new("code", T.CodeArgument, Required: false) },
    ];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args) =>
        LinkDialog.TryCommand(folded, "/rejoindre", out args) || (!dialogActive && LinkDialog.TryCommand(folded, "rejoindre", out args));

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        if (context.Message.IsCounsellor)
        {
            context.Say(T.CounsellorsDoNotJoin);
            return StepOutcome.Done;
        }
        var then = args is not null && args.StartsWith("then:", StringComparison.Ordinal) ? args[5..] : null;
        if (then is null && !string.IsNullOrEmpty(args))
            return JoinCodes.Read(args) is { } code ? await JoinAsync(context, code, null, ct) : StepOutcome.NotUnderstood(T.CodeExample);
        context.Keep(new JoinDraft(then), JoinDraftJson.Default.JoinDraft);
        Reprompt(context);
        return StepOutcome.Understood;
    }

    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        var draft = context.Draft(JoinDraftJson.Default.JoinDraft);
        if (draft?.MoveTo is { } moveTo) return await ConfirmMoveAsync(context, moveTo, ct);
        return JoinCodes.Read(context.Text) is { } code ? await JoinAsync(context, code, draft?.Then, ct) : StepOutcome.NotUnderstood(T.CodeExample);
    }

    public void Reprompt(TurnContext context)
    {
        if (context.Draft(JoinDraftJson.Default.JoinDraft)?.MoveTo is not null) context.Ask(T.MoveQuestion, T.MoveYes, T.MoveNo);
        else context.Say(T.AskCode);
    }

    public string Help(TurnContext context) => T.JoinHelp;

    private async Task<StepOutcome> JoinAsync(TurnContext context, string code, string? then, CancellationToken ct)
    {
        var db = context.Db;
        var person = context.Person;
        var now = context.Now.UtcDateTime;
        var lockout = await db.LinkLockouts.FindAsync([person.Id], ct);
        if (lockout?.LockedUntil is { } until && until > now)
        {
            context.Say(T.Locked(until));
            return StepOutcome.Done;
        }
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.JoinCode == code, ct);
        if (group is null) return Fail(context, lockout, now) ? StepOutcome.Done : StepOutcome.Understood;
        if (!group.IsOpen)
        {
            context.Say(T.Closed);
            return StepOutcome.Done;
        }
        if (person.GroupId == group.Id) context.Say(T.AlreadyIn(group.Name));
        else if (person.GroupId is { } old)
        {
            // Moving is theirs to decide: a link opened by mistake (or sent to lure them) changes nothing without a yes.
            var from = await db.Groups.AsNoTracking().Where(g => g.Id == old).Select(g => g.Name).FirstOrDefaultAsync(ct);
            context.Keep(new JoinDraft(then, group.Id), JoinDraftJson.Default.JoinDraft);
            context.Ask(T.ConfirmMove(from ?? "?", group.Name), T.MoveYes, T.MoveNo);
            return StepOutcome.Understood;
        }
        else
        {
            person.GroupId = group.Id;
            context.Say(T.Joined(group.Name));
            LogJoined(person.Id, group.Id);
        }
        if (then is not null) context.Ask("On continue ?", new Choice(then, "Continuer"));
        return StepOutcome.Done;
    }

    private async Task<StepOutcome> ConfirmMoveAsync(TurnContext context, Guid moveTo, CancellationToken ct)
    {
        var answer = context.Message.ChoiceId == T.MoveYes.Id ? YesNoAnswer.Yes
            : context.Message.ChoiceId == T.MoveNo.Id ? YesNoAnswer.No
            : YesNo.Read(context.Text);
        if (answer == YesNoAnswer.No)
        {
            context.Say(T.Stays);
            return StepOutcome.Done;
        }
        if (answer != YesNoAnswer.Yes) return StepOutcome.NotUnderstood(T.MoveExample);
        var db = context.Db;
        var groups = await db.Groups.AsNoTracking().Where(g => g.Id == moveTo || g.Id == context.Person.GroupId).ToListAsync(ct);
        if (groups.FirstOrDefault(g => g.Id == moveTo) is not { IsOpen: true } target)
        {
            context.Say(T.Closed);
            return StepOutcome.Done;
        }
        var from = groups.FirstOrDefault(g => g.Id == context.Person.GroupId)?.Name ?? "?";
        context.Person.GroupId = target.Id;
        context.Say(T.Moved(from, target.Name));
        LogJoined(context.Person.Id, target.Id);
        return StepOutcome.Done;
    }

    /// <summary>True when this wrong code locked the pupil out.</summary>
    private bool Fail(TurnContext context, LinkLockout? lockout, DateTime now)
    {
        var (left, until) = LinkCodes.CountWrongCode(context.Db, context.Person.Id, lockout, now);
        if (until is null)
        {
            context.Say(T.WrongCode(left));
            return false;
        }
        context.Say(T.Locked(until.Value));
        LogLocked(context.Person.Id);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {PersonId} joined group {GroupId}")]
    private partial void LogJoined(Guid personId, Guid groupId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Person {PersonId} typed too many wrong codes: joining locked for them")]
    private partial void LogLocked(Guid personId);
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(JoinDraft))]
internal sealed partial class JoinDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
