using Bot.Dialogs.Engine;
using Bot.Dialogs.Programme;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Bot.Dialogs.Qr;

public sealed record QrDraft(bool WaitingForLink);

/// <summary>
/// <c>/qr &lt;lien&gt;</c>: turns the public link of a badge into a QR code to put on a CV. Only links
/// to the badge platforms are accepted, so that a QR code from the bot always leads to a badge.
/// </summary>
public sealed class QrDialog(IOptions<ProgrammeOptions> options) : IDialog
{
    public const int MaxLinkLength = 500;
    private static readonly string[] Commands = ["/qr", "/qrcode", "/qr-code"];

    public string Name => "qr";
    public string StartChoiceId => "start:qr";
    public string MenuLabel => QrTexts.MenuLabel;

    private static readonly CommandDeclaration[] Declared =
        [new("qr", QrTexts.Command, "qr", "A QR code of your badge for your CV") { Argument = new("lien", QrTexts.CommandLink, Required: true) }];
    IReadOnlyList<CommandDeclaration> IDialog.Commands => Declared;

    public bool TryStart(string folded, bool dialogActive, out string? args)
    {
        args = null;
        foreach (var command in Commands)
        {
            if (!folded.StartsWith(command, StringComparison.Ordinal) || (folded.Length > command.Length && folded[command.Length] != ' ')) continue;
            args = folded[command.Length..].Trim();
            return true;
        }
        // A badge link pasted on its own, with nothing else going on, is a request for its QR code.
        if (dialogActive || !folded.StartsWith("https://", StringComparison.Ordinal) || folded.Contains(' ') || Check(folded) is not LinkCheck.Ok) return false;
        args = folded;
        return true;
    }

    public Task<StepOutcome> BeginAsync(TurnContext context, string? args, CancellationToken ct)
    {
        // The link as typed, not folded (paths are case-sensitive), without the command before it.
        var typed = context.Message.Text?.Trim() ?? "";
        var link = !typed.StartsWith('/') ? typed : typed.IndexOf(' ') is var space and > 0 ? typed[(space + 1)..].Trim() : "";
        if (string.IsNullOrEmpty(args) || link.Length == 0)
        {
            context.Keep(new QrDraft(true), QrDraftJson.Default.QrDraft);
            Reprompt(context);
            return Task.FromResult(StepOutcome.Understood);
        }
        return Task.FromResult(Answer(context, link));
    }

    public Task<StepOutcome> ContinueAsync(TurnContext context, CancellationToken ct) =>
        Task.FromResult(Answer(context, context.Message.Text?.Trim() ?? ""));

    public void Reprompt(TurnContext context) => context.Say(QrTexts.AskLink);

    public string Help(TurnContext context) => QrTexts.Help;

    private StepOutcome Answer(TurnContext context, string link)
    {
        switch (Check(link))
        {
            case LinkCheck.Ok:
                context.Add(new ImageReply(Png(link), QrTexts.Alt(link)));
                context.Say(QrTexts.Done(link));
                return StepOutcome.Done;
            case LinkCheck.NotALink:
                context.Keep(new QrDraft(true), QrDraftJson.Default.QrDraft);
                return StepOutcome.NotUnderstood(QrTexts.LinkExample);
            case var problem:
                context.Keep(new QrDraft(true), QrDraftJson.Default.QrDraft);
                context.Say(QrTexts.Problem(problem, link, options.Value.TrustedBadgeHosts));
                Reprompt(context);
                return StepOutcome.Understood;
        }
    }

    internal enum LinkCheck { Ok, NotALink, NotHttps, Untrusted, TooLong }

    internal LinkCheck Check(string link)
    {
        if (link.Length > MaxLinkLength) return LinkCheck.TooLong;
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || string.IsNullOrEmpty(uri.Host))
            return LinkCheck.NotALink;
        if (uri.Scheme != Uri.UriSchemeHttps) return LinkCheck.NotHttps;
        if (uri.UserInfo.Length > 0 || !uri.IsDefaultPort) return LinkCheck.Untrusted;
        var host = uri.IdnHost.ToLowerInvariant();
        return options.Value.TrustedBadgeHosts.Any(t => host == t || host.EndsWith("." + t, StringComparison.Ordinal)) ? LinkCheck.Ok : LinkCheck.Untrusted;
    }

    /// <summary>A PNG that a phone camera reads back as <paramref name="link"/>: medium error correction, 10 px modules, a quiet zone.</summary>
    internal static byte[] Png(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(10);
    }
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(QrDraft))]
internal sealed partial class QrDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
