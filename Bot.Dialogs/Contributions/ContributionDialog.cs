using System.Globalization;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using T = Bot.Dialogs.Contributions.ContributionTexts;

namespace Bot.Dialogs.Contributions;

/// <summary>
/// <c>/jai-partagé</c>: the pupil logs a Friday session (date, what they shared, what they learned,
/// the domain, a level from 1 to 4), checks a recap and saves it. Each question can be answered
/// turn by turn, or all of them at once through the form.
/// </summary>
public sealed class ContributionDialog(SessionDateReader dates, LevelReader levels, SchoolCalendar calendar) : IDialog
{
    public const string DialogName = "contribution";

    private static readonly string[] Commands = ["/jai-partage", "/jaipartage", "/j'ai-partage", "/jai_partage", "/partage"];
    private static readonly HashSet<string> Phrases =
    [
        "j'ai partage", "jai partage", "noter ma seance", "noter une seance", "je veux noter ma seance", "noter ma seance du vendredi",
    ];

    public string Name => DialogName;
    public string StartChoiceId => "start:contribution";
    public string MenuLabel => T.MenuLabel;
    public bool NeedsGroup => true;

    private static readonly CommandDeclaration[] Declared =
        [new("jai-partagé", T.Command, "i-shared", "Log your Friday session: what you shared and learned")];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        foreach (var command in Commands)
        {
            if (!folded.StartsWith(command, StringComparison.Ordinal)) continue;
            if (folded.Length > command.Length && folded[command.Length] != ' ') continue;
            args = folded[command.Length..].Trim();
            return true;
        }
        return Phrases.Contains(folded);
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        Update(context, new ContributionDraft());
        if (context.Message.PrefersForms && string.IsNullOrWhiteSpace(args)) { context.Add(Form(context)); return StepOutcome.Understood; }
        context.Say(T.Intro);
        if (string.IsNullOrWhiteSpace(args)) { Ask(context); return StepOutcome.Understood; }
        return await AnswerAsync(context, ContributionStep.Date, args, null, ct);
    }

    public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        if (context.Message.Form is { } form) return ApplyFormAsync(context, form.Values, ct);
        var step = Draft(context).Step;
        return AnswerAsync(context, step, context.Message.Text, context.Message.ChoiceId, ct);
    }

    public void Reprompt(TurnContext context) => Ask(context);

    public string Help(TurnContext context) => T.Help;

    private static ContributionDraft Draft(TurnContext context) => context.Draft(ContributionDraftJson.Default.ContributionDraft) ?? new ContributionDraft();

    private static void Update(TurnContext context, ContributionDraft draft) => context.Keep(draft, ContributionDraftJson.Default.ContributionDraft);

    private async Task<StepOutcome> AnswerAsync(TurnContext context, ContributionStep step, string? text, string? choiceId, CancellationToken ct)
    {
        if (step == ContributionStep.Date && choiceId == T.FormChoice.Id)
        {
            context.Add(Form(context));
            return StepOutcome.Understood;
        }
        var (draft, outcome, problem) = step switch
        {
            ContributionStep.Date => await ApplyDateAsync(context, Draft(context), text, choiceId, ct),
            ContributionStep.Duplicate => ContributionAnswers.ApplyDuplicate(Draft(context), text, choiceId),
            ContributionStep.Shared => ContributionAnswers.ApplyText(Draft(context), text, (d, v) => d with { Shared = v }),
            ContributionStep.Learned => ContributionAnswers.ApplyText(Draft(context), text, (d, v) => d with { Learned = v }),
            ContributionStep.Domain => ContributionAnswers.ApplyDomain(Draft(context), text, choiceId),
            ContributionStep.Level => ContributionAnswers.ApplyLevel(levels, Draft(context), text, choiceId),
            ContributionStep.Recap => await ApplyRecapAsync(context, text, choiceId, ct),
            ContributionStep.Edit => ContributionAnswers.ApplyEdit(Draft(context), text, choiceId),
            _ => (null, StepOutcome.Understood, null),
        };
        if (outcome is StepOutcome.NotUnderstoodOutcome or StepOutcome.DoneOutcome) return outcome;
        if (problem is not null) { context.Say(problem); Ask(context); return outcome; }
        // Recap and Edit choose the next question themselves; any other answer moves to the first one unanswered.
        if (draft is not null) Update(context, step is ContributionStep.Recap or ContributionStep.Edit ? draft : draft with { Step = draft.NextStep() });
        Ask(context);
        return outcome;
    }

    private async Task<(ContributionDraft?, StepOutcome, string?)> ApplyDateAsync(
        TurnContext context, ContributionDraft draft, string? text, string? choiceId, CancellationToken ct)
    {
        var answer = choiceId is not null && choiceId.StartsWith("date:", StringComparison.Ordinal)
            && DateOnly.TryParseExact(choiceId[5..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var picked)
            ? ContributionAnswers.CheckPicked(picked, context.Today)
            : dates.Read(text, context.Today, await ScheduleAsync(context, ct));
        switch (answer)
        {
            case DateAnswer.Found(var date):
                var existing = await context.Db.Contributions
                    .Where(c => c.PersonId == context.Person.Id && c.SessionDate == date)
                    .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
                // A typed date is read back, so that a misreading shows at once ("hier" → which day?).
                if (choiceId is null && existing is null && context.Message.Form is null) context.Say(T.DateRead(date));
                return (draft with { Date = date, DuplicateOfId = existing, ReplaceId = null }, StepOutcome.Understood, null);
            case DateAnswer.InFuture(var date): return (null, StepOutcome.Understood, T.InFuture(date));
            case DateAnswer.TooOld(var date): return (null, StepOutcome.Understood, T.TooOld(date));
            case DateAnswer.Vague: return (null, StepOutcome.Understood, T.DateVague);
            default: return (null, StepOutcome.NotUnderstood(T.DateExample), null);
        }
    }

    /// <summary>The pupil's group's session day and zone holidays, for "la dernière séance avant les vacances".</summary>
    private async Task<SessionSchedule> ScheduleAsync(TurnContext context, CancellationToken ct)
    {
        var group = context.Person.GroupId is { } id ? await context.Db.Groups.FindAsync([id], ct) : null;
        return new SessionSchedule(group?.SessionDay ?? DayOfWeek.Friday, calendar.For(group?.Zone));
    }

    private static async Task<(ContributionDraft?, StepOutcome, string?)> ApplyRecapAsync(
        TurnContext context, string? text, string? choiceId, CancellationToken ct)
    {
        var answer = choiceId == T.YesChoice.Id ? YesNoAnswer.Yes : choiceId == T.NoChoice.Id ? YesNoAnswer.No : YesNo.Read(text);
        var draft = Draft(context);
        switch (answer)
        {
            case YesNoAnswer.Yes:
                var replaced = await SaveAsync(context, draft, ct);
                context.Say(replaced ? T.Replaced : T.Saved);
                return (null, StepOutcome.Done, null);
            case YesNoAnswer.No:
                return (draft with { Step = ContributionStep.Edit }, StepOutcome.Understood, null);
            default:
                return (null, StepOutcome.NotUnderstood(T.RecapExample), null);
        }
    }

    /// <summary>Saves the draft; true when it replaced an earlier session of the pupil's.</summary>
    private static async Task<bool> SaveAsync(TurnContext context, ContributionDraft draft, CancellationToken ct)
    {
        var existing = draft.ReplaceId is { } id
            ? await context.Db.Contributions.FirstOrDefaultAsync(c => c.Id == id && c.PersonId == context.Person.Id, ct)
            : null;
        var contribution = existing ?? new Contribution
        {
            PersonId = context.Person.Id, GroupId = context.Person.GroupId, CreatedAt = context.Now, Shared = draft.Shared!, Learned = draft.Learned!,
        };
        contribution.SessionDate = draft.Date!.Value;
        contribution.Shared = draft.Shared!;
        contribution.Learned = draft.Learned!;
        contribution.Domain = draft.Domain!.Value;
        contribution.Level = draft.Level!.Value;
        contribution.UpdatedAt = context.Now;
        if (existing is null) context.Db.Contributions.Add(contribution);
        return existing is not null;
    }

    private async Task<StepOutcome> ApplyFormAsync(TurnContext context, IReadOnlyDictionary<string, string> values, CancellationToken ct)
    {
        var draft = Draft(context);
        var problems = new List<string>();
        async Task Field(string id, string label, Func<ContributionDraft, string, Task<(ContributionDraft?, StepOutcome, string?)>> apply)
        {
            if (!values.TryGetValue(id, out var value) || string.IsNullOrWhiteSpace(value)) return;
            var (next, outcome, problem) = await apply(draft, value);
            if (next is not null) draft = next;
            else problems.Add(T.FormProblem(label, problem ?? ((StepOutcome.NotUnderstoodOutcome)outcome).Example));
        }
        await Field("date", T.FormDate, (d, v) => ApplyDateAsync(context, d, v, v.StartsWith("date:", StringComparison.Ordinal) ? v : null, ct));
        draft = draft with { RejectedDate = draft.Date is null && values.TryGetValue("date", out var typed) && typed.Length <= 100 ? typed : null };
        await Field("shared", T.FormShared, (d, v) => Task.FromResult(ContributionAnswers.ApplyText(d, v, (x, s) => x with { Shared = s })));
        await Field("learned", T.FormLearned, (d, v) => Task.FromResult(ContributionAnswers.ApplyText(d, v, (x, s) => x with { Learned = s })));
        await Field("domain", T.FormDomain, (d, v) => Task.FromResult(ContributionAnswers.ApplyDomain(d, v, v)));
        await Field("level", T.FormLevel, (d, v) => Task.FromResult(ContributionAnswers.ApplyLevel(levels, d, v, v)));

        foreach (var problem in problems) context.Say(problem);
        Update(context, draft with { Step = draft.NextStep() });
        Ask(context);
        return StepOutcome.Understood;
    }

    private static void Ask(TurnContext context)
    {
        var draft = Draft(context);
        switch (draft.Step)
        {
            case ContributionStep.Date:
                var friday = SessionDateReader.MostRecent(DayOfWeek.Friday, context.Today);
                context.Ask(T.DateQuestion, DateChoice(friday), DateChoice(friday.AddDays(-7)), T.FormChoice);
                break;
            case ContributionStep.Duplicate: context.Ask(T.Duplicate(draft.Date!.Value), T.ReplaceChoice, T.AddChoice); break;
            case ContributionStep.Shared: context.Say(T.SharedQuestion); break;
            case ContributionStep.Learned: context.Say(T.LearnedQuestion); break;
            case ContributionStep.Domain: context.Ask(T.DomainQuestion, T.DomainChoices); break;
            case ContributionStep.Level: context.Ask(T.LevelQuestion, T.LevelChoices); break;
            case ContributionStep.Recap: context.Ask(T.Recap(draft), T.YesChoice, T.NoChoice); break;
            case ContributionStep.Edit: context.Ask(T.EditQuestion, T.EditChoices); break;
        }
    }

    private static Choice DateChoice(DateOnly date) => new($"date:{T.Iso(date)}", ParisTime.ShortDate(date));

    private static FormReply Form(TurnContext context)
    {
        var draft = Draft(context);
        var friday = SessionDateReader.MostRecent(DayOfWeek.Friday, context.Today);
        return new FormReply(DialogName, T.FormTitle,
        [
            new FormField("date", T.FormDate, FieldKind.Date, true, draft.Date is { } date ? T.Iso(date) : draft.RejectedDate ?? T.Iso(friday)),
            new FormField("shared", T.FormShared, FieldKind.LongText, true, draft.Shared, MaxLength: Contribution.MaxTextLength),
            new FormField("learned", T.FormLearned, FieldKind.LongText, true, draft.Learned, MaxLength: Contribution.MaxTextLength),
            new FormField("domain", T.FormDomain, FieldKind.Choice, true, draft.Domain is { } d ? $"domain:{d}" : null, T.DomainChoices),
            new FormField("level", T.FormLevel, FieldKind.Choice, true, draft.Level is { } l ? $"level:{l}" : null, T.LevelChoices),
        ], T.FormSubmit);
    }
}
