using Bot.Dialogs.Calendar;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Programme;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using T = Bot.Dialogs.Badges.BadgeTexts;

namespace Bot.Dialogs.Badges;

public enum BadgeStep { Choose, Message }

/// <param name="Group">The slug of the pupil's group when the dialog began: its own badges are offered with the town's.</param>
public sealed record BadgeDraft(BadgeStep Step, string? BadgeId = null, string? Group = null);

/// <summary><c>/badges</c>: the programme's badges, and a request for one that waits for the counsellor.</summary>
public sealed class BadgesDialog(IOptions<BadgeCatalog> catalog, SchoolCalendar calendar) : IDialog
{
    private static readonly HashSet<string> Commands = ["/badges", "/badge", "les badges", "badges", "liste des badges"];

    public string Name => "badges";
    public string StartChoiceId => "start:badges";
    public string MenuLabel => T.MenuLabel;
    public bool NeedsGroup => true;

    private static readonly CommandDeclaration[] Declared = [new("badges", T.Command, "badges", "The programme's badges, and asking for one")];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        return Commands.Contains(folded);
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        var group = await Groups.SpeakerGroup.OfAsync(context, ct);
        Keep(context, new BadgeDraft(BadgeStep.Choose, Group: group?.Slug));
        context.Say(T.Intro);
        var offered = catalog.Value.For(group?.Slug).ToList();
        var trimester = await TrimesterAsync(context, group, offered, ct);
        foreach (var badge in offered) context.Say(T.Describe(badge, trimester?.Progress(badge)));
        Reprompt(context);
        return StepOutcome.Understood;
    }

    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        var draft = Draft(context);
        if (draft.Step == BadgeStep.Choose)
        {
            if (context.Message.ChoiceId == T.NotNow.Id || YesNo.Read(context.Message.Text) == YesNoAnswer.No)
            {
                context.Say(T.NotNowText);
                return StepOutcome.Done;
            }
            var badge = Pick(draft.Group, context.Message.ChoiceId, context.Message.Text);
            if (badge is null) return StepOutcome.NotUnderstood(T.ChooseExample);
            var pendingSince = await context.Db.BadgeRequests
                .Where(r => r.PersonId == context.Person.Id && r.BadgeId == badge.Id && r.Status == BadgeRequestStatus.Pending)
                .Select(r => (DateTimeOffset?)r.CreatedAt).FirstOrDefaultAsync(ct);
            if (pendingSince is { } since)
            {
                context.Say(T.AlreadyPending(badge, ParisTime.Today(since)));
                context.Add(new LinkReply(T.ClaimTitle(badge), new Uri(badge.ClaimUrl)));
                return StepOutcome.Done;
            }
            // Criteria not met yet: said kindly, and the request goes on (the counsellor decides).
            if (badge.Requirements is not null && await TrimesterAsync(context, await Groups.SpeakerGroup.OfAsync(context, ct), [badge], ct) is { } trimester
                && trimester.Progress(badge) is { AllMet: false } progress)
                context.Say(T.NotYetMet(progress));
            Keep(context, draft with { Step = BadgeStep.Message, BadgeId = badge.Id });
            Reprompt(context);
            return StepOutcome.Understood;
        }

        var chosen = catalog.Value.For(draft.Group).FirstOrDefault(b => b.Id == draft.BadgeId);
        if (chosen is null) { Keep(context, draft with { Step = BadgeStep.Choose, BadgeId = null }); Reprompt(context); return StepOutcome.Understood; }
        var text = context.Message.Text?.Trim() ?? "";
        var folded = TextNormalizer.Fold(text);
        string? message = context.Message.ChoiceId == T.NoMessage.Id || folded is "non" or "nan" or "rien" or "non merci" or "sans message" or "pas de message"
            ? null
            : text;
        if (message is { Length: 0 }) return StepOutcome.NotUnderstood(T.MessageExample);
        if (message is { Length: > BadgeRequest.MaxMessageLength })
        {
            context.Say(T.TooLong(message.Length));
            Reprompt(context);
            return StepOutcome.Understood;
        }
        context.Db.BadgeRequests.Add(new BadgeRequest
        {
            PersonId = context.Person.Id, GroupId = context.Person.GroupId, BadgeId = chosen.Id, Message = message, CreatedAt = context.Now,
        });
        context.Say(T.Recorded(chosen));
        context.Add(new LinkReply(T.ClaimTitle(chosen), new Uri(chosen.ClaimUrl)));
        context.Say(T.NextSteps);
        return StepOutcome.Done;
    }

    public void Reprompt(TurnContext context)
    {
        var draft = Draft(context);
        if (draft.Step == BadgeStep.Message) { context.Ask(T.MessageQuestion, T.NoMessage); return; }
        context.Ask(T.ChooseQuestion, [.. catalog.Value.For(draft.Group).Select(T.RequestChoice), T.NotNow]);
    }

    public string Help(TurnContext context) => T.Help;

    /// <summary>The pupil's trimester under way in their group's zone, read only when one of <paramref name="badges"/> has requirements.</summary>
    private async Task<PupilTrimester?> TrimesterAsync(TurnContext context, Groups.Group? group, IReadOnlyList<BadgeDefinition> badges, CancellationToken ct)
    {
        if (group is null || !badges.Any(b => b.Requirements is not null)) return null;
        if (calendar.For(group.Zone).Current(context.Today) is not { } term) return null;
        return await PupilTrimester.LoadAsync(context.Db, context.Person.Id, group.Id, term, ct);
    }

    private static BadgeDraft Draft(TurnContext context) => context.Draft(BadgeDraftJson.Default.BadgeDraft) ?? new BadgeDraft(BadgeStep.Choose);

    private static void Keep(TurnContext context, BadgeDraft draft) => context.Keep(draft, BadgeDraftJson.Default.BadgeDraft);

    private BadgeDefinition? Pick(string? group, string? choiceId, string? text)
    {
        // Only what this pupil's group offers: another group's badge id in a forged button is no badge.
        var offered = catalog.Value.For(group).ToList();
        if (choiceId is not null && choiceId.StartsWith("badge:", StringComparison.Ordinal)) return offered.FirstOrDefault(b => b.Id == choiceId[6..]);
        var folded = TextNormalizer.Fold(text);
        if (folded.Length == 0) return null;
        // The badges' names share words ("Reconnaissance & valorisation"): match on the words that tell them apart.
        var matches = offered
            .Select(b => (Badge: b, Score: Distinctive(b, offered).Count(w => folded.Contains(w))))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .ToList();
        return matches.Count == 1 || (matches.Count > 1 && matches[0].Score > matches[1].Score) ? matches[0].Badge : null;
    }

    private static IEnumerable<string> Distinctive(BadgeDefinition badge, IReadOnlyList<BadgeDefinition> offered)
    {
        var others = offered.Where(b => b != badge).SelectMany(Words).ToHashSet();
        return Words(badge).Where(w => !others.Contains(w));
    }

    private static IEnumerable<string> Words(BadgeDefinition badge) =>
        TextNormalizer.Fold(badge.Name).Split([' ', '–', '-', '&'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3)
            .Select(w => w.Length > 6 ? w[..6] : w);
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(BadgeDraft))]
internal sealed partial class BadgeDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
