using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Dialogs.Programme;
using Bot.Dialogs.Understanding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using T = Bot.Dialogs.Account.AccountTexts;

namespace Bot.Dialogs.Account;

public enum AccountMode { Step, Trouble, Resume }

public sealed record AccountDraft(int Step, AccountMode Mode);

/// <summary>
/// <c>/compte</c>: the four steps of creating an Open Badge Passport account, one at a time, with
/// troubleshooting. The step reached is kept per person, so a pupil can stop and come back.
/// </summary>
public sealed class AccountGuideDialog(IOptions<ProgrammeOptions> options) : IDialog
{
    private static readonly string[] Commands = ["/compte", "/passeport", "/inscription"];
    private static readonly HashSet<string> Phrases =
        ["creer mon compte", "creer un compte", "je sais pas m'inscrire", "je veux m'inscrire", "compte open badge passport", "mon compte"];

    public string Name => "account";
    public string StartChoiceId => "start:account";
    public string MenuLabel => T.MenuLabel;

    private static readonly CommandDeclaration[] Declared =
        [new("compte", T.Command, "account", "Create your Open Badge Passport account, step by step")];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        return Commands.Contains(folded) || Phrases.Contains(folded);
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        var saved = await context.Db.GuideProgress.FirstOrDefaultAsync(g => g.PersonId == context.Person.Id, ct);
        if (saved is { Step: > 1 and <= T.Steps })
        {
            Set(context, new AccountDraft(saved.Step, AccountMode.Resume));
        }
        else
        {
            context.Say(T.Intro);
            Set(context, new AccountDraft(1, AccountMode.Step));
        }
        Reprompt(context);
        return StepOutcome.Understood;
    }

    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        var draft = Draft(context);
        var choice = context.Message.ChoiceId;
        var folded = TextNormalizer.Fold(context.Message.Text);
        switch (draft.Mode)
        {
            case AccountMode.Resume:
                if (choice == T.Resume.Id || folded.StartsWith("repren", StringComparison.Ordinal) || YesNo.Read(folded) == YesNoAnswer.Yes)
                    return Go(context, draft with { Mode = AccountMode.Step });
                if (choice == T.Restart.Id || folded.StartsWith("recommen", StringComparison.Ordinal) || folded.Contains("debut"))
                {
                    await SaveStepAsync(context, 1, ct);
                    return Go(context, new AccountDraft(1, AccountMode.Step));
                }
                return StepOutcome.NotUnderstood(T.ResumeExample);

            case AccountMode.Trouble:
                var contact = await context.ContactAsync(options.Value.Contact, ct);
                var answer = Troubleshoot(choice ?? folded, contact);
                if (answer is null) return StepOutcome.NotUnderstood(T.TroubleExample);
                context.Say(answer);
                context.Say(T.StillStuck(contact));
                return Go(context, draft with { Mode = AccountMode.Step });

            default:
                if (choice == T.Trouble.Id || IsTrouble(folded))
                    return Go(context, draft with { Mode = AccountMode.Trouble });
                if (choice == T.Later.Id || folded.Contains("plus tard") || folded.Contains("apres"))
                {
                    context.Say(T.LaterText(draft.Step));
                    return StepOutcome.Done;
                }
                if (choice == T.Done.Id || IsDone(folded))
                {
                    if (draft.Step >= T.Steps)
                    {
                        await context.Db.GuideProgress.Where(g => g.PersonId == context.Person.Id).ExecuteDeleteAsync(ct);
                        context.Ask(T.Finished, new Choice("start:badges", "Les badges du Peer to Peer"));
                        return StepOutcome.Done;
                    }
                    await SaveStepAsync(context, draft.Step + 1, ct);
                    return Go(context, draft with { Step = draft.Step + 1 });
                }
                return StepOutcome.NotUnderstood(T.StepExample);
        }
    }

    public void Reprompt(TurnContext context)
    {
        var draft = Draft(context);
        switch (draft.Mode)
        {
            case AccountMode.Resume: context.Ask(T.ResumeQuestion(draft.Step), T.Resume, T.Restart); break;
            case AccountMode.Trouble: context.Ask(T.TroubleQuestion, T.TroubleChoices); break;
            default: context.Ask(T.StepTexts[draft.Step - 1], T.Done, T.Trouble, T.Later); break;
        }
    }

    public string Help(TurnContext context) => T.Help;

    private StepOutcome Go(TurnContext context, AccountDraft draft)
    {
        Set(context, draft);
        Reprompt(context);
        return StepOutcome.Understood;
    }

    private static AccountDraft Draft(TurnContext context) => context.Draft(AccountDraftJson.Default.AccountDraft) ?? new AccountDraft(1, AccountMode.Step);

    private static void Set(TurnContext context, AccountDraft draft) => context.Keep(draft, AccountDraftJson.Default.AccountDraft);

    private static async Task SaveStepAsync(TurnContext context, int step, CancellationToken ct)
    {
        var progress = await context.Db.GuideProgress.FirstOrDefaultAsync(g => g.PersonId == context.Person.Id, ct);
        if (progress is null) context.Db.GuideProgress.Add(progress = new GuideProgress { PersonId = context.Person.Id });
        progress.Step = step;
        progress.UpdatedAt = context.Now;
    }

    private static bool IsDone(string folded) =>
        folded is "c'est fait" or "fait" or "cest fait" or "c fait" or "done" or "suivant" or "etape suivante" or "ensuite" or "et apres"
        || folded.StartsWith("c'est fait", StringComparison.Ordinal) || YesNo.Read(folded) == YesNoAnswer.Yes;

    private static bool IsTrouble(string folded) =>
        folded.Contains("souci") || folded.Contains("probleme") || folded.Contains("marche pas") || folded.Contains("bloque")
        || folded.Contains("comprends pas") || folded.Contains("j'y arrive pas") || folded.Contains("arrive pas") || YesNo.Read(folded) == YesNoAnswer.No;

    private static string? Troubleshoot(string answer, string contact) =>
        answer.Contains("mail") && !answer.Contains("badge") || answer.Contains("recu") ? T.NoMail
        : answer.Contains("badge") || answer.Contains("apparai") ? T.BadgeMissing
        : answer.Contains("password") || answer.Contains("passe") || answer.Contains("mdp") || answer.Contains("oubli") ? T.Password
        : answer.Contains("other") || answer.Contains("autre") ? T.Other(contact)
        : null;
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(AccountDraft))]
internal sealed partial class AccountDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
