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
        Update(context, new ContributionDraft { SessionDay = await SessionDayAsync(context, ct) });
        if (args is not null && args.StartsWith(EditArgument, StringComparison.Ordinal)) return await BeginEditAsync(context, args[EditArgument.Length..], ct);
        if (context.Message.PrefersForms && string.IsNullOrWhiteSpace(args)) { context.Add(Form(context)); return StepOutcome.Understood; }
        context.Say(T.Intro);
        if (string.IsNullOrWhiteSpace(args)) { Ask(context); return StepOutcome.Understood; }
        return await AnswerAsync(context, ContributionStep.Date, args, null, ct);
    }

    /// <summary>What <c>/mes-séances</c> starts this dialog with to change a logged session: "edit:" and its id.</summary>
    public const string EditArgument = "edit:";

    /// <summary>Changing a logged session: its answers filled in, then "what do you want to change?" (or the form).</summary>
    private static async Task<StepOutcome> BeginEditAsync(TurnContext context, string id, CancellationToken ct)
    {
        // The id comes from a button anyone could forge: only the pupil's own session is found.
        var session = Guid.TryParse(id, out var sessionId)
            ? await context.Db.Contributions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == sessionId && c.PersonId == context.Person.Id, ct)
            : null;
        if (session is null) { context.Say(T.UnknownSession); return StepOutcome.Done; }
        if (await Review.ClosedTrimester.OfAsync(context.Db, session.GroupId, session.SessionDate, ct) is { } closed)
        {
            context.Say(T.Closed(closed.Trimester));
            return StepOutcome.Done;
        }
        var draft = Draft(context) with
        {
            Step = ContributionStep.Edit, EditingId = session.Id, EditingGroupId = session.GroupId,
            Date = session.SessionDate, Shared = session.Shared, Learned = session.Learned, Domain = session.Domain, Level = session.Level,
        };
        Update(context, draft);
        if (context.Message.PrefersForms) { context.Add(Form(context)); return StepOutcome.Understood; }
        context.Say(T.EditIntro(session.SessionDate));
        Ask(context);
        return StepOutcome.Understood;
    }

    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        // A form posted without the dialog's questions (an old card) brings no draft: the session day is read now.
        if (Draft(context).SessionDay is null) Update(context, Draft(context) with { SessionDay = await SessionDayAsync(context, ct) });
        if (context.Message.Form is { } form) return await ApplyFormAsync(context, form.Values, ct);
        var step = Draft(context).Step;
        return await AnswerAsync(context, step, context.Message.Text, context.Message.ChoiceId, ct);
    }

    /// <summary>The day the pupil's group meets (Friday unless its settings say otherwise).</summary>
    private static async Task<DayOfWeek> SessionDayAsync(TurnContext context, CancellationToken ct) =>
        (await Groups.SpeakerGroup.OfAsync(context, ct))?.SessionDay ?? DayOfWeek.Friday;

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
            ContributionStep.DayCheck => await ApplyDayCheckAsync(context, text, choiceId, ct),
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
                var sessionGroup = draft.EditingId is null ? context.Person.GroupId : draft.EditingGroupId;
                if (await Review.ClosedTrimester.OfAsync(context.Db, sessionGroup, date, ct) is { } closed)
                    return (null, StepOutcome.Understood, T.ClosedDate(closed.Trimester));
                // A session being changed may share its day with another: only a new one is asked "replace or add?", about a
                // session of the same group (one logged in a group the pupil left stays there as it was, closed or not).
                var existing = draft.EditingId is not null ? null : await context.Db.Contributions
                    .Where(c => c.PersonId == context.Person.Id && c.GroupId == context.Person.GroupId && c.SessionDate == date)
                    .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
                // A day the group does not meet on is asked about (the question names it); any other typed date is read
                // back, so that a misreading shows at once ("hier" → which day?).
                var unusual = date.DayOfWeek != (draft.SessionDay ?? DayOfWeek.Friday);
                if (choiceId is null && existing is null && context.Message.Form is null && !unusual) context.Say(T.DateRead(date));
                return (draft with { Date = date, UnusualDay = unusual, DuplicateOfId = existing, ReplaceId = null }, StepOutcome.Understood, null);
            case DateAnswer.InFuture(var date): return (null, StepOutcome.Understood, T.InFuture(date));
            case DateAnswer.TooOld(var date): return (null, StepOutcome.Understood, T.TooOld(date));
            case DateAnswer.Vague: return (null, StepOutcome.Understood, T.DateVague);
            default: return (null, StepOutcome.NotUnderstood(T.DateExample), null);
        }
    }

    /// <summary>The answer to "the sessions are on Fridays: was it really Sunday?".</summary>
    private async Task<(ContributionDraft?, StepOutcome, string?)> ApplyDayCheckAsync(
        TurnContext context, string? text, string? choiceId, CancellationToken ct)
    {
        var draft = Draft(context);
        if (choiceId == T.KeepDayId) return (draft with { UnusualDay = false }, StepOutcome.Understood, null);
        if (choiceId == T.OtherDate.Id) return (draft with { Date = null, UnusualDay = false, DuplicateOfId = null }, StepOutcome.Understood, null);
        if (choiceId is not null) return await ApplyDateAsync(context, draft, text, choiceId, ct);
        // Another date typed ("non, le 20/11") is read at once; the same day again ("oui samedi") keeps it.
        switch (dates.Read(text, context.Today, await ScheduleAsync(context, ct)))
        {
            case DateAnswer.Found(var date) when date == draft.Date: return (draft with { UnusualDay = false }, StepOutcome.Understood, null);
            case DateAnswer.Found or DateAnswer.InFuture or DateAnswer.TooOld: return await ApplyDateAsync(context, draft, text, null, ct);
        }
        return YesNo.Read(text) switch
        {
            YesNoAnswer.Yes => (draft with { UnusualDay = false }, StepOutcome.Understood, null),
            YesNoAnswer.No => (draft with { Date = null, UnusualDay = false, DuplicateOfId = null }, StepOutcome.Understood, null),
            _ => (null, StepOutcome.NotUnderstood(T.DayCheckExample), null),
        };
    }

    /// <summary>The pupil's group's session day and zone holidays, for "la dernière séance avant les vacances".</summary>
    private async Task<SessionSchedule> ScheduleAsync(TurnContext context, CancellationToken ct)
    {
        var group = await Groups.SpeakerGroup.OfAsync(context, ct);
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
                context.Say(await SaveAsync(context, draft, ct) switch
                {
                    Saving.Replaced => T.Replaced,
                    Saving.Changed => T.Changed,
                    Saving.Unchanged => T.Unchanged,
                    Saving.Gone => T.UnknownSession,
                    Saving.Closed(var trimester) => T.Closed(trimester),
                    _ => T.Saved,
                });
                return (null, StepOutcome.Done, null);
            case YesNoAnswer.No:
                return (draft with { Step = ContributionStep.Edit }, StepOutcome.Understood, null);
            default:
                return (null, StepOutcome.NotUnderstood(T.RecapExample), null);
        }
    }

    /// <summary>What saving the draft did.</summary>
    private abstract record Saving
    {
        public sealed record Added : Saving;
        public sealed record Replaced : Saving;
        public sealed record Changed : Saving;
        public sealed record Unchanged : Saving;
        /// <summary>The session being changed was deleted meanwhile (from another chat).</summary>
        public sealed record Gone : Saving;
        /// <summary>The counsellor closed the session's trimester while the pupil was answering.</summary>
        public sealed record Closed(string Trimester) : Saving;
    }

    private static async Task<Saving> SaveAsync(TurnContext context, ContributionDraft draft, CancellationToken ct)
    {
        var groupId = draft.EditingId is null ? context.Person.GroupId : draft.EditingGroupId;
        if (await Review.ClosedTrimester.OfAsync(context.Db, groupId, draft.Date!.Value, ct) is { } closed) return new Saving.Closed(closed.Trimester);
        var existing = (draft.EditingId ?? draft.ReplaceId) is { } id
            ? await context.Db.Contributions.FirstOrDefaultAsync(c => c.Id == id && c.PersonId == context.Person.Id, ct)
            : null;
        if (draft.EditingId is not null && existing is null) return new Saving.Gone();
        // The row saved over is judged by its own group and day, whatever the draft says.
        if (existing is not null && await Review.ClosedTrimester.OfAsync(context.Db, existing.GroupId, existing.SessionDate, ct) is { } was)
            return new Saving.Closed(was.Trimester);
        if (draft.EditingId is not null && existing!.SessionDate == draft.Date && existing.Shared == draft.Shared && existing.Learned == draft.Learned
            && existing.Domain == draft.Domain && existing.Level == draft.Level) return new Saving.Unchanged();
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
        return existing is null ? new Saving.Added() : draft.EditingId is null ? new Saving.Replaced() : new Saving.Changed();
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
                var last = SessionDateReader.MostRecent(draft.SessionDay ?? DayOfWeek.Friday, context.Today);
                context.Ask(T.DateQuestion, DateChoice(last), DateChoice(last.AddDays(-7)), T.FormChoice);
                break;
            case ContributionStep.DayCheck:
                var day = draft.SessionDay ?? DayOfWeek.Friday;
                var nearest = NearestSessionDay(day, draft.Date!.Value, context.Today);
                context.Ask(T.DayCheck(day, draft.Date.Value), T.KeepDay(draft.Date.Value), DateChoice(nearest), T.OtherDate);
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

    /// <summary>The session day closest to <paramref name="date"/> that is not in the future (the earlier one on a tie).</summary>
    internal static DateOnly NearestSessionDay(DayOfWeek sessionDay, DateOnly date, DateOnly today)
    {
        var before = SessionDateReader.MostRecent(sessionDay, date);
        var after = before.AddDays(7);
        return after <= today && after.DayNumber - date.DayNumber < date.DayNumber - before.DayNumber ? after : before;
    }

    private static Choice DateChoice(DateOnly date) => new($"date:{T.Iso(date)}", ParisTime.ShortDate(date));

    private static FormReply Form(TurnContext context)
    {
        var draft = Draft(context);
        var friday = SessionDateReader.MostRecent(draft.SessionDay ?? DayOfWeek.Friday, context.Today);
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
