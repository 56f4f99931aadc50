using Bot.Dialogs.Calendar;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Review;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using T = Bot.Dialogs.Contributions.MySessionsTexts;

namespace Bot.Dialogs.Contributions;

public enum MySessionsStep { Pick, Chosen, ConfirmDelete }

/// <param name="Listed">The sessions offered, in the order of their numbers (to pick one by its number or its date).</param>
/// <param name="Dates">Their dates, in the same order.</param>
/// <param name="SessionId">The session chosen.</param>
public sealed record MySessionsDraft(MySessionsStep Step, Guid[]? Listed = null, DateOnly[]? Dates = null, Guid? SessionId = null, DateOnly? Date = null);

/// <summary>
/// <c>/mes-séances</c>: the pupil's sessions of the trimester, each to see, correct (the same questions or the form, through
/// <see cref="ContributionDialog"/>) or delete after a confirmation, until the counsellor has closed that trimester's review
/// (<see cref="ClosedTrimester"/>). Every button carries the session's id and is checked against the pupil who clicks it.
/// </summary>
public sealed class MySessionsDialog(SchoolCalendar calendar, SessionDateReader dates, ContributionDialog contributions) : IDialog
{
    public const string DialogName = "mysessions";

    /// <summary>At most this many sessions are offered as buttons (Discord shows 25 per message): the most recent ones.</summary>
    public const int MaxListed = 20;

    private static readonly HashSet<string> Commands = ["/mes-seances", "/messeances", "/mes-seance", "/mes_seances", "mes seances", "/mes seances"];

    public string Name => DialogName;
    public string StartChoiceId => "start:mysessions";
    public string MenuLabel => "";
    public bool NeedsGroup => false;

    private static readonly CommandDeclaration[] Declared = [new("mes-séances", T.Command, "my-sessions",
        "See, correct or delete your sessions of the trimester")];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        return Commands.Contains(folded);
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        var cut = args?.IndexOf(':') ?? -1;
        var (verb, id) = cut < 0 ? (args, null) : (args![..cut], args[(cut + 1)..]);
        return verb switch
        {
            "show" => await ShowAsync(context, Guid.TryParse(id, out var shown) ? shown : null, ct),
            "delete" => await AskDeleteAsync(context, Guid.TryParse(id, out var deleted) ? deleted : null, ct),
            _ => await ListAsync(context, ct),
        };
    }

    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        var draft = Draft(context);
        var choice = context.Message.ChoiceId;
        var folded = TextNormalizer.Fold(context.Message.Text);
        switch (draft.Step)
        {
            case MySessionsStep.Pick:
                if (choice == T.Nothing.Id || YesNo.Read(folded) == YesNoAnswer.No || folded is "rien" or "rien merci")
                {
                    context.Say(T.NothingThen);
                    return StepOutcome.Done;
                }
                return Pick(draft, folded, context.Today) is { } picked ? await ShowAsync(context, picked, ct) : StepOutcome.NotUnderstood(T.WhichExample);
            case MySessionsStep.Chosen when draft.SessionId is { } id:
                if (folded.StartsWith("corrig", StringComparison.Ordinal) || folded.StartsWith("modif", StringComparison.Ordinal)
                    || folded.StartsWith("chang", StringComparison.Ordinal))
                {
                    // Typed rather than clicked: the same as the "Corriger" button, which starts the session log on this session.
                    context.State = ConversationState.Empty with { Dialog = ContributionDialog.DialogName };
                    return await contributions.BeginAsync(context, ContributionDialog.EditArgument + id.ToString("N"), ct);
                }
                if (folded.StartsWith("suppr", StringComparison.Ordinal) || folded.StartsWith("effac", StringComparison.Ordinal))
                    return await AskDeleteAsync(context, id, ct);
                if (folded.StartsWith("retour", StringComparison.Ordinal) || folded.Contains("liste")) return await ListAsync(context, ct);
                return StepOutcome.NotUnderstood(T.WhatToDoExample);
            case MySessionsStep.ConfirmDelete when draft.SessionId is { } id:
                var answer = choice == T.DeleteYes.Id ? YesNoAnswer.Yes : choice == T.DeleteNo.Id ? YesNoAnswer.No : YesNo.Read(folded);
                if (answer == YesNoAnswer.Unknown) return StepOutcome.NotUnderstood(T.DeleteExample);
                if (answer == YesNoAnswer.No) { context.Say(T.Kept); return StepOutcome.Done; }
                await DeleteAsync(context, id, ct);
                return StepOutcome.Done;
            default:
                return await ListAsync(context, ct);
        }
    }

    public void Reprompt(TurnContext context)
    {
        var draft = Draft(context);
        switch (draft.Step)
        {
            case MySessionsStep.Pick when draft.Listed is { } listed && draft.Dates is { } days:
                context.Ask(T.Which, [.. listed.Select((id, i) => T.Show(id, i + 1, days[i])), T.Nothing]);
                break;
            case MySessionsStep.Chosen when draft.SessionId is { } id:
                context.Ask(T.WhatToDo, T.Edit(id), T.Delete(id), T.Back);
                break;
            case MySessionsStep.ConfirmDelete when draft.Date is { } date:
                context.Ask(T.ConfirmDelete(date), T.DeleteYes, T.DeleteNo);
                break;
        }
    }

    public string Help(TurnContext context) => T.Help;

    /// <summary>The trimester of the pupil's group's zone, and their sessions in it (whatever group they were logged in).</summary>
    private async Task<(SchoolPeriod? Term, List<Contribution> Sessions)> TrimesterAsync(TurnContext context, CancellationToken ct)
    {
        var zone = (await Groups.SpeakerGroup.OfAsync(context, ct))?.Zone;
        if (calendar.For(zone).Current(context.Today) is not { } term) return (null, []);
        var sessions = await context.Db.Contributions.AsNoTracking()
            .Where(c => c.PersonId == context.Person.Id && c.SessionDate >= term.First && c.SessionDate <= term.Last)
            .ToListAsync(ct);
        return (term, [.. sessions.OrderBy(s => s.SessionDate).ThenBy(s => s.CreatedAt)]);
    }

    private async Task<StepOutcome> ListAsync(TurnContext context, CancellationToken ct)
    {
        var (term, sessions) = await TrimesterAsync(context, ct);
        if (term is null) { context.Say(T.NoTrimester); return StepOutcome.Done; }
        if (sessions.Count == 0) { context.Ask(T.NoSessions(term), T.LogOne); return StepOutcome.Done; }
        var older = Math.Max(0, sessions.Count - MaxListed);
        var listed = sessions.Skip(older).ToList();
        var text = T.List(term, listed) + (older > 0 ? "\n\n" + T.Older(older) : "");
        context.Say(text);
        Keep(context, new MySessionsDraft(MySessionsStep.Pick, [.. listed.Select(s => s.Id)], [.. listed.Select(s => s.SessionDate)]));
        Reprompt(context);
        return StepOutcome.Understood;
    }

    /// <summary>A session picked by its number in the list ("2") or by its date ("27/11", "vendredi dernier").</summary>
    private Guid? Pick(MySessionsDraft draft, string folded, DateOnly today)
    {
        if (draft.Listed is not { } listed || draft.Dates is not { } days) return null;
        if (int.TryParse(folded.TrimEnd('.'), out var number) && number >= 1 && number <= listed.Length) return listed[number - 1];
        return dates.Read(folded, today) is DateAnswer.Found(var date) && Array.IndexOf(days, date) is var at and >= 0 ? listed[at] : null;
    }

    private async Task<StepOutcome> ShowAsync(TurnContext context, Guid? id, CancellationToken ct)
    {
        if (await OwnAsync(context, id, ct) is not { } session) { context.Say(ContributionTexts.UnknownSession); return StepOutcome.Done; }
        context.Say(T.Detail(session));
        if (await ClosedTrimester.OfAsync(context.Db, session.GroupId, session.SessionDate, ct) is { } closed)
        {
            context.Say(ContributionTexts.Closed(closed.Trimester));
            return StepOutcome.Done;
        }
        Keep(context, new MySessionsDraft(MySessionsStep.Chosen, SessionId: session.Id, Date: session.SessionDate));
        Reprompt(context);
        return StepOutcome.Understood;
    }

    private async Task<StepOutcome> AskDeleteAsync(TurnContext context, Guid? id, CancellationToken ct)
    {
        if (await OwnAsync(context, id, ct) is not { } session) { context.Say(ContributionTexts.UnknownSession); return StepOutcome.Done; }
        if (await ClosedTrimester.OfAsync(context.Db, session.GroupId, session.SessionDate, ct) is { } closed)
        {
            context.Say(ContributionTexts.Closed(closed.Trimester));
            return StepOutcome.Done;
        }
        Keep(context, new MySessionsDraft(MySessionsStep.ConfirmDelete, SessionId: session.Id, Date: session.SessionDate));
        Reprompt(context);
        return StepOutcome.Understood;
    }

    /// <summary>Deletes the session once confirmed, if it is still the pupil's and its trimester still open.</summary>
    private static async Task DeleteAsync(TurnContext context, Guid id, CancellationToken ct)
    {
        var session = await context.Db.Contributions.FirstOrDefaultAsync(c => c.Id == id && c.PersonId == context.Person.Id, ct);
        if (session is null) { context.Say(ContributionTexts.UnknownSession); return; }
        if (await ClosedTrimester.OfAsync(context.Db, session.GroupId, session.SessionDate, ct) is { } closed)
        {
            context.Say(ContributionTexts.Closed(closed.Trimester));
            return;
        }
        context.Db.Contributions.Remove(session);
        context.Say(T.Deleted(session.SessionDate));
    }

    /// <summary>The pupil's own session: an id from a forged button finds nothing.</summary>
    private static async Task<Contribution?> OwnAsync(TurnContext context, Guid? id, CancellationToken ct) =>
        id is { } sessionId
            ? await context.Db.Contributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sessionId && c.PersonId == context.Person.Id, ct)
            : null;

    private static MySessionsDraft Draft(TurnContext context) =>
        context.Draft(MySessionsDraftJson.Default.MySessionsDraft) ?? new MySessionsDraft(MySessionsStep.Pick);

    private static void Keep(TurnContext context, MySessionsDraft draft) => context.Keep(draft, MySessionsDraftJson.Default.MySessionsDraft);
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(MySessionsDraft))]
internal sealed partial class MySessionsDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
