using Bot.Dialogs.Engine;
using Bot.Dialogs.Groups;
using Bot.Dialogs.Programme;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Help;

/// <summary>Answers the questions that need no dialog, and says so honestly when it does not know.</summary>
public sealed class HelpDesk(IOptions<ProgrammeOptions> options)
{
    private static readonly Dictionary<string, (string Label, string Answer)> ByIntent =
        HelpTexts.Topics.ToDictionary(t => t.Intent, t => (t.Label, t.Answer));

    private static readonly Dictionary<string, string> FollowUpLabels = new()
    {
        ["start:badges"] = "Les badges du Peer to Peer", ["help:make_public"] = "Rendre mon badge public", ["start:qr"] = "Faire un QR code",
    };

    public bool Knows(string intent) => ByIntent.ContainsKey(intent);

    public async Task AnswerAsync(TurnContext context, string intent, CancellationToken ct)
    {
        if (intent == "contact") { context.Say(HelpTexts.InPerson(await context.ContactAsync(options.Value.Contact, ct))); return; }
        context.Say(ByIntent[intent].Answer);
        if (HelpTexts.FollowUps.TryGetValue(intent, out var next)) context.AppendChoices(new Choice(next, FollowUpLabels[next]));
    }

    public void Topics(TurnContext context, string text) =>
        context.Ask(text, [.. HelpTexts.Topics.Select(t => new Choice($"help:{t.Intent}", t.Label))]);

    public async Task UnknownAsync(TurnContext context, CancellationToken ct) =>
        Topics(context, $"{HelpTexts.Unknown}\n\n{HelpTexts.Contact(await context.ContactAsync(options.Value.Contact, ct))}");
}
