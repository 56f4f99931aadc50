using System.Net.Mail;
using Bot.Dialogs.Badges;
using Bot.Dialogs.Engine;
using Bot.Dialogs.Notices;
using Bot.Dialogs.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Issuing;

public sealed record ClaimDraft(Guid RequestId);

/// <summary>
/// After an approval of a badge issued on the platform: the pupil gives the address of their Open
/// Badge Passport account, the badge is issued, and they get its claim link.
/// </summary>
public sealed class ClaimDialog(BadgeIssuing issuing, PersonNotifier notifier, IOptions<BadgeCatalog> catalog) : IDialog
{
    public string Name => "claim";
    public string StartChoiceId => "start:claim";
    public string MenuLabel => "";

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        return false; // only from the button of the approval notice
    }

    public async Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        var request = Guid.TryParse(args, out var id) ? await WaitingAsync(context, id, ct) : null;
        if (request is null)
        {
            context.Say(ClaimTexts.NothingToClaim);
            return StepOutcome.Done;
        }
        context.Keep(new ClaimDraft(request.Id), ClaimDraftJson.Default.ClaimDraft);
        Reprompt(context);
        return StepOutcome.Understood;
    }

    public async Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct)
    {
        if (context.Draft(ClaimDraftJson.Default.ClaimDraft) is not { } draft || await WaitingAsync(context, draft.RequestId, ct) is not { } request)
        {
            context.Say(ClaimTexts.NothingToClaim);
            return StepOutcome.Done;
        }
        var email = context.Message.Text?.Trim() ?? "";
        if (!IsEmail(email)) return StepOutcome.NotUnderstood(ClaimTexts.EmailExample);

        request.IssueEmail = email;
        var badgeName = catalog.Value.Find(request.BadgeId)?.Name ?? request.BadgeId;
        var outcome = await issuing.IssueAsync(request, context.Person.DisplayName, context.Now, ct);
        if (outcome.Issued)
        {
            context.Say(ClaimTexts.Issued(badgeName));
            context.Add(new LinkReply($"Récupérer « {badgeName} »", new Uri(outcome.ReceiveUrl!)));
            context.Ask(ClaimTexts.Next, new Choice("start:qr", "Faire un QR code"));
        }
        else
        {
            context.Say(ClaimTexts.Failed);
            var pupil = context.Person.DisplayName ?? context.Message.From.Id;
            var alert = new TextReply(ClaimTexts.FailedForCounsellor(badgeName, pupil, outcome.Error));
            await notifier.NotifyCounsellorsAsync([alert], ct, about: context.Person.Id);
        }
        return StepOutcome.Done;
    }

    public void Reprompt(TurnContext context) => context.Say(ClaimTexts.AskEmail);

    public string Help(TurnContext context) => ClaimTexts.Help;

    /// <summary>The pupil's own approved request that still waits for its badge.</summary>
    private static Task<BadgeRequest?> WaitingAsync(TurnContext context, Guid id, CancellationToken ct) =>
        context.Db.BadgeRequests.FirstOrDefaultAsync(
            r => r.Id == id && r.PersonId == context.Person.Id && r.Status == BadgeRequestStatus.Approved && r.IssuedAt == null, ct);

    internal static bool IsEmail(string text) =>
        text.Length is > 5 and <= BadgeRequest.MaxEmailLength && !text.Contains(' ')
        && MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.');
}

internal static class ClaimTexts
{
    public const string AskEmail =
        "Quelle est ton adresse mail ? Mets celle de ton compte Open Badge Passport : la mairie y enverra ton badge. Je ne la garde que le temps de l'envoi.";
    public const string EmailExample = "Écris une adresse mail complète, par exemple prenom.nom@exemple.fr.";
    public const string NothingToClaim = "Cette demande n'attend plus rien de toi : tout est en ordre 👍";
    public const string Help = "Je te demande ton adresse mail pour que la mairie t'envoie ton badge.";
    public const string Next =
        "Dans Open Badge Passport, accepte le badge qui t'attend. Au début il est privé : pour le montrer, ouvre-le, va dans l'onglet « Partager » et passe-le en public. " +
        "Tu veux un QR code pour ton CV ? Envoie-moi le lien public de ton badge.";
    public const string Failed =
        "Oups, l'envoi du badge n'a pas marché pour l'instant 😕 Ta demande reste acceptée : la conseillère est prévenue et relancera l'envoi. Tu n'as rien à refaire.";

    public static string Issued(string badge) =>
        $"C'est parti 📬 Ton badge « {badge} » est envoyé : tu vas recevoir un mail d'Open Badge Factory. Tu peux aussi le récupérer tout de suite avec ce lien :";

    public static string FailedForCounsellor(string badge, string pupil, string? error) =>
        $"L'envoi du badge « {badge} » à {pupil} par Open Badge Factory a échoué ({error}). La demande reste acceptée : /demandes pour réessayer.";
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ClaimDraft))]
internal sealed partial class ClaimDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
