using System.Text.RegularExpressions;
using Bot.Dialogs.Engine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Bot.Channels.Teams;

/// <summary>Pure mapping between Bot Framework activities (Teams) and the bot's neutral messages.</summary>
internal static partial class TeamsMapper
{
    public const string Channel = "teams";

    public const string PrivateOnly =
        "Ici, tout le monde voit mes réponses 👀 Pour noter ta séance, parler de tes badges ou de tes données, écris-moi en privé : clique sur mon nom, puis « Conversation ».";

    public const string InstallHello =
        "Salut ! 👋 Je suis l'assistant Peer to Peer de l'Espace Info Jeunes. Écris « jai-partagé » pour noter ta séance du vendredi, ou « aide » pour voir ce que je sais faire.";

    /// <summary>The bot was just added to a personal chat (conversationUpdate naming the bot among the members added).</summary>
    public static bool IsInstalledHere(Activity activity) =>
        activity.Type == ActivityTypes.ConversationUpdate && !IsShared(activity)
        && activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true;

    /// <summary>A team channel or a group chat: read by several people, one conversation for all of them.</summary>
    public static bool IsShared(Activity activity) => activity.Conversation?.ConversationType is "channel" or "groupChat";

    /// <summary>The neutral message for a message activity; null for anything else.</summary>
    public static IncomingMessage? ToIncoming(Activity activity, CommandCatalog commands)
    {
        if (activity.Type != ActivityTypes.Message || activity.From?.Id is not { } fromId || activity.Conversation?.Id is not { } conversation) return null;
        var userId = activity.From.AadObjectId is { Length: > 0 } aad ? aad : fromId;
        var from = new ChannelUser(Channel, userId, activity.From.Name);
        string? choiceId = null;
        SubmittedForm? form = null;
        if (activity.Value is JObject value)
        {
            choiceId = value["choiceId"]?.Type == JTokenType.String ? (string?)value["choiceId"] : null;
            if (value["formId"]?.Type == JTokenType.String)
                form = new SubmittedForm((string)value["formId"]!, value.Properties().Where(p => p.Name is not ("formId" or CardTextKey) && p.Value.Type is JTokenType.String or JTokenType.Integer)
                    .ToDictionary(p => p.Name, p => p.Value.ToString()));
        }
        // The team it was written in, when Teams says (channelData.team.id): a group may be mapped to it (Groups:…:Places).
        var team = (activity.ChannelData as JObject)?["team"]?["id"] is JValue { Type: JTokenType.String } id ? (string?)id : null;
        return new IncomingMessage(from, conversation, Clean(activity.Text, commands), choiceId, form)
        {
            Places = team is null ? null : [$"teams:team:{team}"],
        };
    }

    /// <summary>The text without the bot's mention (team and group chats prefix it), commands typed without "/" accepted.</summary>
    internal static string? Clean(string? typed, CommandCatalog commands)
    {
        if (typed is null) return null;
        var text = Mention().Replace(typed, "").Trim();
        return commands.IsCommand(text.Split(' ')[0]) ? "/" + text : text;
    }

    public static IEnumerable<Activity> ToActivities(TurnResult result)
    {
        foreach (var reply in result.Replies)
        {
            switch (reply)
            {
                case TextReply text:
                    yield return MessageFactory.Text(text.Text) as Activity ?? new Activity();
                    break;
                case ChoicesReply { Inline: true } item:
                    // One request among several: a card of its own, whose buttons update it (see UpdatedCard).
                    yield return (Activity)MessageFactory.Attachment(AdaptiveCard(Body(item.Text),
                        [.. item.Choices.Select(c => (JToken)new JObject { ["type"] = "Action.Submit", ["title"] = c.Label, ["data"] = UpdatingData(new JObject { ["choiceId"] = c.Id }, item.Text) })]));
                    break;
                case ChoicesReply choices:
                    var card = new HeroCard
                    {
                        Text = choices.Text,
                        Buttons = [.. choices.Choices.Select(c => new CardAction(ActionTypes.MessageBack, c.Label, text: c.Label, displayText: c.Label, value: new JObject { ["choiceId"] = c.Id }))],
                    };
                    yield return (Activity)MessageFactory.Attachment(card.ToAttachment());
                    break;
                case FormReply form:
                    // The same Adaptive Card as the web chat, as plain JSON: AdaptiveCards types are never touched.
                    yield return (Activity)MessageFactory.Attachment(new Attachment(AdaptiveCardType,
                        content: JObject.Parse(Shared.AdaptiveCards.Form(form).ToJsonString())));
                    break;
                case LinkReply link:
                    yield return (Activity)MessageFactory.Text($"[{link.Title}]({link.Url})");
                    break;
                case ImageReply image:
                    yield return (Activity)MessageFactory.Attachment(new Attachment("image/png", "data:image/png;base64," + Convert.ToBase64String(image.Png), name: image.AltText));
                    break;
                case FileReply file:
                    yield return (Activity)MessageFactory.Text($"📎 {file.Name}");
                    break;
            }
        }
    }

    /// <summary>The submit data of a card that a click updates: what the card said travels with it, to be shown again above the outcome.</summary>
    private static JObject UpdatingData(JObject data, string cardText)
    {
        data[UpdateKey] = true;
        data[CardTextKey] = cardText;
        return data;
    }

    public const string UpdateKey = "update", CardTextKey = "card";

    /// <summary>Whether this activity is a click on a card that it should update, and what that card said.</summary>
    public static bool UpdatesCard(Activity activity, out string cardText)
    {
        cardText = "";
        if (activity.ReplyToId is not { Length: > 0 } || activity.Value is not JObject value || value[UpdateKey]?.Type != JTokenType.Boolean || !(bool)value[UpdateKey]!) return false;
        cardText = value[CardTextKey]?.Type == JTokenType.String ? (string)value[CardTextKey]! : "";
        return true;
    }

    /// <summary>
    /// What a clicked card becomes: what it said, then the outcome, without buttons; or, when the turn
    /// asks a form (the reason of a refusal), that form inside the card, whose submit updates it again.
    /// The other replies of the turn are sent as messages.
    /// </summary>
    public static (Attachment Card, TurnResult Others) UpdatedCard(string cardText, TurnResult result)
    {
        if (result.Replies.OfType<FormReply>().FirstOrDefault() is { } form)
        {
            var card = JObject.Parse(Shared.AdaptiveCards.Form(form).ToJsonString());
            ((JArray)card["body"]!).Insert(0, TextBlock(cardText));
            foreach (var action in card["actions"]!.OfType<JObject>()) UpdatingData((JObject)action["data"]!, cardText);
            return (new Attachment(AdaptiveCardType, content: card), result with { Replies = [.. result.Replies.Where(r => r != form)] });
        }
        var outcome = string.Join("\n\n", result.Replies.OfType<TextReply>().Select(t => t.Text));
        var body = Body(cardText);
        if (outcome.Length > 0) body.Add(TextBlock(outcome, separator: true));
        return (AdaptiveCard(body, []), result with { Replies = [.. result.Replies.Where(r => r is not TextReply)] });
    }

    private const string AdaptiveCardType = Shared.AdaptiveCards.ContentType;

    private static Attachment AdaptiveCard(JArray body, JArray actions) =>
        new(AdaptiveCardType, content: new JObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = body, ["actions"] = actions });

    private static JArray Body(string text) => [TextBlock(text)];

    private static JObject TextBlock(string text, bool separator = false)
    {
        var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (separator) block["separator"] = true;
        return block;
    }

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();
}
