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

    /// <summary>The neutral message for a message activity; null for anything else.</summary>
    public static IncomingMessage? ToIncoming(Activity activity, bool isCounsellor)
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
                form = new SubmittedForm((string)value["formId"]!, value.Properties().Where(p => p.Name != "formId" && p.Value.Type is JTokenType.String or JTokenType.Integer)
                    .ToDictionary(p => p.Name, p => p.Value.ToString()));
        }
        return new IncomingMessage(from, conversation, Clean(activity), choiceId, form, isCounsellor);
    }

    /// <summary>The text without the bot's mention (team and group chats prefix it), commands typed without "/" accepted.</summary>
    internal static string? Clean(Activity activity)
    {
        if (activity.Text is null) return null;
        var text = Mention().Replace(activity.Text, "").Trim();
        return Commands.Contains(text.Split(' ')[0]) ? "/" + text : text;
    }

    private static readonly HashSet<string> Commands = ["jai-partagé", "jai-partage", "compte", "badges", "qr", "suivi", "eleve", "demandes", "export", "bilan"];

    public static IEnumerable<Activity> ToActivities(TurnResult result)
    {
        foreach (var reply in result.Replies)
        {
            switch (reply)
            {
                case TextReply text:
                    yield return MessageFactory.Text(text.Text) as Activity ?? new Activity();
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
                    yield return (Activity)MessageFactory.Attachment(new Attachment("application/vnd.microsoft.card.adaptive",
                        content: JObject.Parse(Bot.Channels.WebChat.ActivityMapper.Card(form).ToJsonString())));
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

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();
}
