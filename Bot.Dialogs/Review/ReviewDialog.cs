using Bot.Dialogs.Badges;
using Bot.Dialogs.Calendar;
using Bot.Dialogs.Charts;
using Bot.Dialogs.Contributions;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Dialogs.Issuing;
using Bot.Dialogs.Notices;
using Bot.Dialogs.People;
using Bot.Dialogs.Programme;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using T = Bot.Dialogs.Review.ReviewTexts;

namespace Bot.Dialogs.Review;

/// <summary>While the counsellor writes the reason of a refusal.</summary>
public sealed record ReviewDraft(Guid RefusingRequestId);

/// <summary>
/// The counsellor's side: /suivi, /eleve, /demandes with Approuver / Refuser, /export. The engine
/// lets only counsellors in; every decision checks the request's state again when it is saved.
/// </summary>
public sealed class ReviewDialog(SchoolCalendar calendar, IOptions<BadgeCatalog> catalog, PersonNotifier notifier, BadgeIssuing issuing) : IDialog
{
    public string Name => "review";
    public string StartChoiceId => "start:review";
    public string MenuLabel => T.MenuLabel;
    public bool CounsellorOnly => true;

    private static readonly CommandDeclaration[] Declared =
    [
        new("suivi", T.CommandSuivi, "review", "The trimester at a glance") { CounsellorOnly = true },
        new("eleve", T.CommandEleve, "pupil", "One pupil's trimester") { CounsellorOnly = true, Argument = new("nom", T.CommandEleveName, Required: true) },
        new("demandes", T.CommandDemandes, "requests", "Badge requests to decide") { CounsellorOnly = true },
        new("export", T.CommandExport, "export", "The trimester as a table (CSV)") { CounsellorOnly = true },
        new("clore", T.CommandClore, "close", "Close the trimester's review: pupils no longer change its sessions") { CounsellorOnly = true },
    ];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = folded switch
        {
            "/suivi" => "suivi",
            "/demandes" => "demandes",
            "/export" => "export",
            "/clore" => "close",
            _ when folded == "/eleve" || folded.StartsWith("/eleve ", StringComparison.Ordinal) => "eleve " + folded[6..].Trim(),
            _ => null,
        };
        return args is not null;
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        var (verb, rest) = Split(args ?? "suivi");
        switch (verb)
        {
            case "demandes": await PendingAsync(context, ct); break;
            case "export": await ExportAsync(context, ct); break;
            case "eleve": await FindPupilAsync(context, OriginalArgument(context, rest), ct); break;
            case "pupil" when Guid.TryParse(rest, out var personId): await PupilAsync(context, personId, ct); break;
            case "approve" when Guid.TryParse(rest, out var id): await ApproveAsync(context, id, ct); break;
            case "refuse" when Guid.TryParse(rest, out var id): await AskReasonAsync(context, id, ct); break;
            case "retry" when Guid.TryParse(rest, out var id): await RetryAsync(context, id, ct); break;
            case "close": await AskCloseAsync(context, ct); break;
            case "closeconfirm": await CloseAsync(context, rest, ct); break;
            case "reopen": await ReopenAsync(context, rest, ct); break;
            case "approve" or "refuse" or "pupil" or "retry": context.Say(T.UnknownRequest); break;
            default: await OverviewAsync(context, ct); break;
        }
        // Only a refusal's reason is waited for; anything else is answered at once.
        return Draft(context) is null ? StepOutcome.Done : StepOutcome.Understood;
    }

    /// <summary>The only question this dialog waits on: the reason of a refusal.</summary>
    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        if (Draft(context) is not { } draft) return StepOutcome.Done;
        var text = (context.Message.Form?.Values.GetValueOrDefault("reason") ?? context.Message.Text)?.Trim() ?? "";
        if (context.Message.Form is not null && text.Length == 0) text = "sans raison";
        string? reason = context.Message.ChoiceId == T.NoReason.Id || TextNormalizer.Fold(text) is "sans raison" or "non" or "aucune" or "rien" ? null : text;
        if (reason is { Length: 0 }) return StepOutcome.NotUnderstood(T.ReasonExample);
        if (reason is { Length: > BadgeRequest.MaxMessageLength }) { context.Say(T.ReasonTooLong(reason.Length)); Reprompt(context); return StepOutcome.Understood; }
        await DecideAsync(context, draft.RefusingRequestId, BadgeRequestStatus.Refused, reason, ct);
        return StepOutcome.Done;
    }

    public void Reprompt(TurnContext context)
    {
        if (Draft(context) is not null) context.Ask(T.ReasonQuestion, T.NoReason);
    }

    public string Help(TurnContext context) => T.Help;

    /// <summary>The counsellor's group and the trimester under review by its calendar; null after saying why there is none.</summary>
    private async Task<(Group Group, SchoolPeriod Term)?> ScopeAsync(TurnContext context, CancellationToken ct)
    {
        if (await CounsellorScope.GroupAsync(context, ct) is not { } group) return null;
        if (calendar.For(group.Zone).Current(context.Today) is { } term) return (group, term);
        context.Say(T.NoTrimester);
        return null;
    }

    private async Task OverviewAsync(TurnContext context, CancellationToken ct)
    {
        if (await ScopeAsync(context, ct) is not ({ } group, { } term)) return;
        var closed = await ClosedAsync(context, group, term, ct);
        if (await TrimesterCharts.GroupAsync(context.Db, calendar.For(group.Zone), group, term, ct) is { } chart) context.Add(chart);
        context.Ask(await TrimesterSummary.TextAsync(context.Db, term, group.Id, ct) + (closed is null ? "" : "\n" + T.ClosedLine(closed)),
            T.PendingChoice, T.ExportChoice, closed is null ? T.CloseChoice : T.ReopenChoice);
    }

    private static Task<ClosedTrimester?> ClosedAsync(TurnContext context, Group group, SchoolPeriod term, CancellationToken ct) =>
        context.Db.ClosedTrimesters.AsNoTracking().FirstOrDefaultAsync(c => c.GroupId == group.Id && c.First == term.First, ct);

    /// <summary>Closing the review is asked first: it stops the pupils from changing the trimester's sessions.</summary>
    private async Task AskCloseAsync(TurnContext context, CancellationToken ct)
    {
        if (await ScopeAsync(context, ct) is not ({ } group, { } term)) return;
        if (await ClosedAsync(context, group, term, ct) is { } closed)
        {
            context.Ask(T.AlreadyClosed(closed), T.ReopenConfirm(Target(group, term)), T.KeepClosed);
            return;
        }
        context.Ask(T.AskClose(term), T.CloseConfirm(Target(group, term)), T.NotYet);
    }

    /// <summary>What a confirmation button is about: the group and the first day of its trimester.</summary>
    private static string Target(Group group, SchoolPeriod term) => $"{group.Id:N}:{term.First:yyyy-MM-dd}";

    private async Task CloseAsync(TurnContext context, string target, CancellationToken ct)
    {
        if (await ScopeAsync(context, ct) is not ({ } group, { } term)) return;
        if (target != Target(group, term)) { context.Say(T.StaleButton); await AskCloseAsync(context, ct); return; }
        if (await ClosedAsync(context, group, term, ct) is { } closed) { context.Say(T.AlreadyClosed(closed)); return; }
        context.Db.ClosedTrimesters.Add(new ClosedTrimester
        {
            GroupId = group.Id, First = term.First, Last = term.Last, Trimester = term.Name, ClosedAt = context.Now,
            ClosedBy = Label(context.Person, context.Message.From.Id),
        });
        context.Say(T.Closed(term));
    }

    private async Task ReopenAsync(TurnContext context, string target, CancellationToken ct)
    {
        if (await ScopeAsync(context, ct) is not ({ } group, { } term)) return;
        if (target != Target(group, term)) { context.Say(T.StaleButton); await AskCloseAsync(context, ct); return; }
        var closed = await context.Db.ClosedTrimesters.FirstOrDefaultAsync(c => c.GroupId == group.Id && c.First == term.First, ct);
        if (closed is null) { context.Say(T.NotClosed(term)); return; }
        context.Db.ClosedTrimesters.Remove(closed);
        context.Say(T.Reopened(term));
    }

    private async Task PendingAsync(TurnContext context, CancellationToken ct)
    {
        if (await CounsellorScope.GroupAsync(context, ct) is not { } group) return;
        var requests = (await context.Db.BadgeRequests.AsNoTracking()
            .Where(r => r.GroupId == group.Id && r.Status == BadgeRequestStatus.Pending).ToListAsync(ct)).OrderBy(r => r.CreatedAt).ToList();
        // Approved, but the platform failed to issue: the counsellor can try again.
        var stuck = (await context.Db.BadgeRequests.AsNoTracking()
            .Where(r => r.GroupId == group.Id && r.Status == BadgeRequestStatus.Approved && r.IssuedAt == null && r.IssueEmail != null && r.IssueError != null)
            .ToListAsync(ct))
            .OrderBy(r => r.CreatedAt).ToList();
        if (stuck.Count > 0)
        {
            var stuckNames = await NamesAsync(context, stuck.Select(r => r.PersonId), ct);
            foreach (var request in stuck)
                context.Add(new ChoicesReply(T.NotIssued(stuckNames[request.PersonId], BadgeName(request.BadgeId), request.IssueError!), [T.Retry(request.Id)], Inline: true));
        }
        if (requests.Count == 0) { context.Say(T.NoPending); return; }
        var dates = calendar.For(group.Zone);
        var term = dates.Current(context.Today);
        // Each request's criteria are checked over the trimester it was made in: the one under review that day.
        var askedIn = requests.ToDictionary(r => r.Id, r => dates.Current(ParisTime.Today(r.CreatedAt)));
        var terms = askedIn.Values.Append(term).OfType<SchoolPeriod>().Distinct().ToList();
        var sessions = terms.Count == 0 ? [] : await TrimesterSummary.SessionsAsync(context.Db,
            new SchoolPeriod { Name = "", First = terms.Min(t => t.First), Last = terms.Max(t => t.Last) }, group.Id, ct);
        var assessments = await AssessmentsAsync(context, group.Id, requests, terms, ct);
        var names = await NamesAsync(context, requests.Select(r => r.PersonId), ct);
        foreach (var request in requests)
        {
            var all = sessions.Where(s => s.PersonId == request.PersonId).OrderBy(s => s.SessionDate).ToList();
            var own = all.Where(s => term?.Contains(s.SessionDate) == true).ToList();
            var criteria = catalog.Value.Find(request.BadgeId) is { Requirements: not null } badge && askedIn[request.Id] is { } asked
                ? BadgeProgress.Evaluate(badge, asked, all, assessments.FirstOrDefault(a => a.PersonId == request.PersonId && a.Trimester == asked.Name))
                : null;
            context.Add(new ChoicesReply(
                T.Request(names[request.PersonId], BadgeName(request.BadgeId), ParisTime.Today(request.CreatedAt), request.Message, own.Count,
                    own.GroupBy(s => s.Domain).Select(g => $"{ContributionTexts.Domains[g.Key]} ×{g.Count()}"), own.Select(s => s.Level),
                    criteria is null ? null : T.Criteria(criteria, criteria.Term != term)),
                [T.Approve(request.Id), T.Refuse(request.Id)], Inline: true));
        }
    }

    /// <summary>The self-assessments the pending requests' criteria may need, in one query (none when no badge asks for one).</summary>
    private async Task<List<SelfAssessment.TrimesterSelfAssessment>> AssessmentsAsync(TurnContext context, Guid groupId, List<BadgeRequest> requests,
        List<SchoolPeriod> terms, CancellationToken ct)
    {
        if (!requests.Any(r => catalog.Value.Find(r.BadgeId)?.Requirements?.SelfAssessmentDone == true)) return [];
        var people = requests.Select(r => r.PersonId).Distinct().ToList();
        var names = terms.Select(t => t.Name).ToList();
        return await context.Db.TrimesterSelfAssessments.AsNoTracking()
            .Where(a => a.GroupId == groupId && people.Contains(a.PersonId) && names.Contains(a.Trimester)).ToListAsync(ct);
    }

    private async Task ApproveAsync(TurnContext context, Guid id, CancellationToken ct) =>
        await DecideAsync(context, id, BadgeRequestStatus.Approved, null, ct);

    private async Task AskReasonAsync(TurnContext context, Guid id, CancellationToken ct)
    {
        var request = await context.Db.BadgeRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || !await CounsellorScope.IsMineAsync(context, request.GroupId, ct)) { context.Say(T.UnknownRequest); return; }
        if (request.Status != BadgeRequestStatus.Pending) { context.Say(T.AlreadyDecided(request)); return; }
        context.Keep(new ReviewDraft(id), ReviewDraftJson.Default.ReviewDraft);
        if (context.Message.PrefersForms)
        {
            // One optional field: an empty form means "no reason".
            context.Add(new FormReply(Name, T.ReasonTitle, [new FormField("reason", T.ReasonLabel, FieldKind.LongText, false, MaxLength: BadgeRequest.MaxMessageLength)], T.RefuseSubmit));
            return;
        }
        Reprompt(context);
    }

    /// <summary>
    /// Decides a pending request and queues the pupil's notice, all saved together by the turn. The request's
    /// status is a concurrency token: if another counsellor decided meanwhile, this save fails whole.
    /// </summary>
    private async Task DecideAsync(TurnContext context, Guid id, BadgeRequestStatus decision, string? reason, CancellationToken ct)
    {
        var request = await context.Db.BadgeRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        // Another group's request is as unknown as a request that does not exist: its id tells nothing.
        if (request is null || !await CounsellorScope.IsMineAsync(context, request.GroupId, ct)) { context.Say(T.UnknownRequest); return; }
        if (request.Status != BadgeRequestStatus.Pending) { context.Say(T.AlreadyDecided(request)); return; }

        var badge = catalog.Value.Find(request.BadgeId);
        var badgeName = badge?.Name ?? request.BadgeId;
        request.Status = decision;
        request.DecidedAt = context.Now;
        request.DecidedBy = Label(context.Person, context.Message.From.Id);
        request.RefusalReason = reason;
        var onPlatform = decision == BadgeRequestStatus.Approved && issuing.IssuesOnPlatform(request.BadgeId);
        // In the outbox, committed with the decision: of two counsellors deciding at once, only the one whose decision is stored tells the pupil.
        var notice = Notice(request, decision, badge, badgeName, reason, onPlatform);
        var told = await notifier.NotifyAsync(request.PersonId, notice, ct, PersonNotifier.DecisionTopic);

        var pupil = (await NamesAsync(context, [request.PersonId], ct))[request.PersonId];
        context.Say(decision == BadgeRequestStatus.Refused ? T.Refused(pupil, badgeName, told)
            : onPlatform ? T.ApprovedToIssue(pupil, badgeName, told)
            : T.Approved(pupil, badgeName, told));
    }

    /// <summary>What the pupil reads about the decision, in their own conversation.</summary>
    private static IReadOnlyList<Reply> Notice(BadgeRequest request, BadgeRequestStatus decision, BadgeDefinition? badge, string badgeName, string? reason, bool onPlatform)
    {
        if (decision == BadgeRequestStatus.Refused) return [new TextReply(T.RefusedNotice(badgeName, reason))];
        if (onPlatform) return [new ChoicesReply(T.ApprovedNoticeToIssue(badgeName), [new Choice($"start:claim:{request.Id:N}", "Donner mon adresse mail")])];
        List<Reply> notice = [new TextReply(T.ApprovedNotice(badgeName))];
        if (badge is not null) notice.Add(new LinkReply($"Récupérer « {badgeName} »", new Uri(badge.ClaimUrl)));
        notice.Add(new ChoicesReply(T.ApprovedNext, [new Choice("start:qr", "Faire un QR code")]));
        return notice;
    }

    private async Task RetryAsync(TurnContext context, Guid id, CancellationToken ct)
    {
        var request = await context.Db.BadgeRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null || !await CounsellorScope.IsMineAsync(context, request.GroupId, ct)) { context.Say(T.UnknownRequest); return; }
        var badgeName = BadgeName(request.BadgeId);
        var pupil = (await NamesAsync(context, [request.PersonId], ct))[request.PersonId];
        if (request.IssuedAt is not null || request.IssueEmail is null) { context.Say(T.NothingToRetry(pupil, badgeName)); return; }
        var outcome = await issuing.IssueAsync(request, pupil, context.Now, ct);
        if (!outcome.Issued) { context.Say(T.RetryFailed(outcome.Error)); return; }
        var told = await notifier.NotifyAsync(request.PersonId,
        [
            new TextReply(ClaimTexts.Issued(badgeName)), new LinkReply($"Récupérer « {badgeName} »", new Uri(outcome.ReceiveUrl!)),
            new ChoicesReply(ClaimTexts.Next, [new Choice("start:qr", "Faire un QR code")]),
        ], ct, PersonNotifier.DecisionTopic);
        context.Say(T.RetrySucceeded(pupil, badgeName, told));
    }

    private async Task FindPupilAsync(TurnContext context, string query, CancellationToken ct)
    {
        if (query.Length == 0) { context.Say(T.AskPupilName); return; }
        if (await CounsellorScope.GroupAsync(context, ct) is not { } group) return;
        var people = await InGroup(context, group.Id)
            .Select(p => new { p.Id, p.DisplayName, Ids = p.Identities.Select(i => i.ExternalId).ToList() }).ToListAsync(ct);
        var folded = TextNormalizer.Fold(query);
        var matches = people
            .Select(p => (p.Id, Label: p.DisplayName ?? p.Ids.FirstOrDefault() ?? "?", Keys: p.Ids.Append(p.DisplayName ?? "").Select(TextNormalizer.Fold)))
            .Where(p => p.Keys.Any(k => k.Length > 0 && (k.Contains(folded) || k.Split(' ').Any(w => TextNormalizer.Distance(w, folded, TextNormalizer.TypoBudget(folded.Length)) <= TextNormalizer.TypoBudget(folded.Length)))))
            .ToList();
        switch (matches.Count)
        {
            case 0: context.Say(T.NoPupil(query)); break;
            case 1: await PupilAsync(context, matches[0].Id, ct); break;
            default: context.Ask(T.WhichPupil, [.. matches.OrderBy(m => m.Label, StringComparer.Create(ParisTime.French, true)).Take(10).Select(m => T.Pupil(m.Id, m.Label))]); break;
        }
    }

    private async Task PupilAsync(TurnContext context, Guid personId, CancellationToken ct)
    {
        if (await ScopeAsync(context, ct) is not ({ } group, { } term)) return;
        if (!await InGroup(context, group.Id).AnyAsync(p => p.Id == personId, ct)) { context.Say(T.UnknownPupil); return; }
        var names = await NamesAsync(context, [personId], ct);
        var sessions = (await TrimesterSummary.SessionsAsync(context.Db, term, group.Id, ct))
            .Where(s => s.PersonId == personId).OrderBy(s => s.SessionDate).ToList();
        var requests = (await context.Db.BadgeRequests.AsNoTracking().Where(r => r.PersonId == personId && r.GroupId == group.Id).ToListAsync(ct))
            .OrderBy(r => r.CreatedAt).Select(r => (BadgeName(r.BadgeId), r.Status)).ToList();
        var assessment = await context.Db.TrimesterSelfAssessments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.PersonId == personId && a.GroupId == group.Id && a.Trimester == term.Name, ct);
        if (sessions.Count > 0) context.Add(TrimesterCharts.Pupil(names[personId], term, calendar.For(group.Zone), group.SessionDay, sessions, own: false));
        context.Say(T.PupilDetail(names[personId], term, sessions, requests, assessment));
    }

    private async Task ExportAsync(TurnContext context, CancellationToken ct)
    {
        if (await ScopeAsync(context, ct) is not ({ } group, { } term)) return;
        var file = await TrimesterExport.BuildAsync(context.Db, term, group.Id, BadgeName, ct);
        context.Say($"Voici le tableau du {term.Name} :");
        context.Add(new FileReply(TrimesterExport.FileName(term), "text/csv", file));
    }

    /// <summary>How the counsellor knows each pupil: the name their channel gives, else their channel id.</summary>
    internal static Task<Dictionary<Guid, string>> NamesAsync(TurnContext context, IEnumerable<Guid> personIds, CancellationToken ct) =>
        TrimesterSummary.NamesAsync(context.Db, personIds, ct);

    /// <summary>The group's pupils: those in it now, and those whose sessions or requests stayed in it when they moved.</summary>
    private static IQueryable<Person> InGroup(TurnContext context, Guid groupId)
    {
        // One list of ids, each part read from its table's GroupId index: the three conditions OR-ed on People read every person.
        var ids = context.Db.People.Where(p => p.GroupId == groupId).Select(p => p.Id)
            .Union(context.Db.Contributions.Where(c => c.GroupId == groupId).Select(c => c.PersonId))
            .Union(context.Db.BadgeRequests.Where(r => r.GroupId == groupId).Select(r => r.PersonId));
        return context.Db.People.AsNoTracking().Where(p => !p.IsCounsellor && ids.Contains(p.Id));
    }

    private static ReviewDraft? Draft(TurnContext context) => context.Draft(ReviewDraftJson.Default.ReviewDraft);

    private string BadgeName(string badgeId) => catalog.Value.Find(badgeId)?.Name ?? badgeId;

    private static string Label(Person person, string channelId) => person.DisplayName ?? channelId;

    private static (string Verb, string Argument) Split(string args)
    {
        var cut = args.IndexOfAny([' ', ':']);
        return cut < 0 ? (args, "") : (args[..cut], args[(cut + 1)..].Trim());
    }

    // "/eleve Léa" as typed, accents and case kept for the answer.
    private static string OriginalArgument(TurnContext context, string folded)
    {
        var text = (context.Message.Form?.Values.GetValueOrDefault("reason") ?? context.Message.Text)?.Trim() ?? "";
        if (context.Message.Form is not null && text.Length == 0) text = "sans raison";
        var space = text.IndexOf(' ');
        return text.StartsWith('/') && space > 0 ? text[(space + 1)..].Trim() : folded;
    }
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ReviewDraft))]
internal sealed partial class ReviewDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
