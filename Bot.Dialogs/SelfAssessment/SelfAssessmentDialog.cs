using System.Globalization;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using T = Bot.Dialogs.SelfAssessment.SelfAssessmentTexts;

namespace Bot.Dialogs.SelfAssessment;

public sealed record SelfAssessmentDraft(string Trimester, int[] Levels);

/// <summary><c>/bilan</c>, or the button of the end-of-trimester invitation: the grid, one level per line, saved per trimester.</summary>
public sealed class SelfAssessmentDialog(SchoolCalendar calendar, LevelReader levels) : IDialog
{
    private static readonly HashSet<string> Phrases = ["/bilan", "mon bilan", "faire mon bilan", "bilan du trimestre", "mon bilan du trimestre"];

    public string Name => "selfassessment";
    public string StartChoiceId => "start:selfassessment";
    public string MenuLabel => "";
    public bool NeedsGroup => true;

    private static readonly CommandDeclaration[] Declared =
        [new("bilan", T.Command, "self-assessment", "Do your end-of-trimester self-assessment")];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        return Phrases.Contains(folded);
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        // The trimester of the pupil's group's zone: zones' trimesters may end and begin on different days.
        var zone = (await Groups.SpeakerGroup.OfAsync(context, ct))?.Zone;
        if (calendar.For(zone).Current(context.Today) is not { } term)
        {
            context.Say(T.NoTrimester);
            return StepOutcome.Done;
        }
        Keep(context, new SelfAssessmentDraft(term.Name, []));
        context.Say(T.Intro(term.Name));
        Reprompt(context);
        return StepOutcome.Understood;
    }

    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        if (Draft(context) is not { } draft) return StepOutcome.Done;
        var choice = context.Message.ChoiceId;
        int? level = choice is not null && choice.StartsWith("level:", StringComparison.Ordinal)
            && int.TryParse(choice[6..], CultureInfo.InvariantCulture, out var picked) && picked is >= 1 and <= LevelReader.Max
            ? picked
            : levels.Read(context.Message.Text, ContributionTexts.Levels);
        if (level is null) return StepOutcome.NotUnderstood(ContributionTexts.LevelExample);

        int[] answered = [.. draft.Levels, level.Value];
        if (answered.Length < T.Questions.Length)
        {
            Keep(context, draft with { Levels = answered });
            Reprompt(context);
            return StepOutcome.Understood;
        }

        var saved = await context.Db.TrimesterSelfAssessments.FirstOrDefaultAsync(a => a.PersonId == context.Person.Id && a.Trimester == draft.Trimester, ct);
        if (saved is null)
            context.Db.TrimesterSelfAssessments.Add(saved = new TrimesterSelfAssessment
            {
                PersonId = context.Person.Id, GroupId = context.Person.GroupId, Trimester = draft.Trimester,
            });
        (saved.KnowHow, saved.SoftSkills, saved.Digital, saved.Civic) = (answered[0], answered[1], answered[2], answered[3]);
        saved.UpdatedAt = context.Now;
        context.Say(T.Saved);
        return StepOutcome.Done;
    }

    public void Reprompt(TurnContext context)
    {
        var draft = Draft(context);
        var index = draft?.Levels.Length ?? 0;
        if (index < T.Questions.Length) context.Ask(T.Questions[index], ContributionTexts.LevelChoices);
    }

    public string Help(TurnContext context) => T.Help;

    private static SelfAssessmentDraft? Draft(TurnContext context) => context.Draft(SelfAssessmentDraftJson.Default.SelfAssessmentDraft);

    private static void Keep(TurnContext context, SelfAssessmentDraft draft) => context.Keep(draft, SelfAssessmentDraftJson.Default.SelfAssessmentDraft);
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(SelfAssessmentDraft))]
internal sealed partial class SelfAssessmentDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
