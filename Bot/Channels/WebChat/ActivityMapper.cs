using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;

namespace Bot.Channels.WebChat;

/// <summary>What the bot needs from an activity a client posted.</summary>
internal sealed record PostedActivity(string Type, string? FromId, string? FromName, string? Text, string? ClientActivityId,
    string? ChoiceId, SubmittedForm? Form, string? Locale, bool PostBack = false);

/// <summary>Pure mapping between Direct Line activities (JSON) and the bot's neutral messages.</summary>
internal static class ActivityMapper
{
    public const string Channel = "webchat";
    public const string BotId = "peer-to-peer-bot";
    public const string BotName = "Peer to Peer";
    public const string AdaptiveCard = Shared.AdaptiveCards.ContentType;
    public const string HeroCard = "application/vnd.microsoft.card.hero";
    public const string FormSent = "📝 Formulaire envoyé";
    public const string OpenLink = "Ouvrir le lien";
    /// <summary>Twice what any dialog accepts (1,000): a dialog still says "too long", and no more than this is ever stored.</summary>
    internal const int MaxFieldLength = 2_000;

    /// <summary>Stored and served as is: French text stays readable (JSON, never HTML, so no HTML escaping needed).</summary>
    public static JsonSerializerOptions Json => Shared.ChannelJson.Options;

    /// <summary>Reads a posted activity; null when it is not a JSON object with a type.</summary>
    public static PostedActivity? Parse(JsonNode? node)
    {
        if (node is not JsonObject activity || Str(activity["type"]) is not { } type) return null;
        var from = activity["from"] as JsonObject;
        string? choiceId = null;
        SubmittedForm? form = null;
        if (activity["value"] is JsonObject value)
        {
            // A button we sent carries {choiceId}; a submitted card carries {formId, field: value…}.
            choiceId = Str(value["choiceId"]);
            if (Str(value["formId"]) is { } formId)
            {
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, field) in value)
                    if (key != "formId" && field is JsonValue v && Scalar(v) is { } s) fields[key] = s;
                form = new SubmittedForm(formId, fields);
            }
        }
        var name = Str(from?["name"]);
        var channelData = activity["channelData"] as JsonObject;
        return new PostedActivity(type, Str(from?["id"]), string.IsNullOrWhiteSpace(name) ? null : name, Str(activity["text"]),
            Str(channelData?["clientActivityID"]), choiceId, form, Str(activity["locale"]),
            channelData?["postBack"] is JsonValue postBack && postBack.GetValueKind() == JsonValueKind.True);
    }

    /// <summary>The name a client puts in from.name is never heard: anyone could call themselves "Conseillère" or another pupil.</summary>
    public static IncomingMessage ToIncoming(PostedActivity activity, string conversationId) =>
        new(new ChannelUser(Channel, activity.FromId!), conversationId, activity.Text, activity.ChoiceId, activity.Form);

    /// <summary>The user's own message as the transcript shows it back: only what the chat needs to draw it.</summary>
    public static JsonObject Echo(PostedActivity activity, string id, string conversationId, DateTimeOffset timestamp)
    {
        var echo = Envelope(id, conversationId, timestamp, new JsonObject { ["id"] = activity.FromId, ["name"] = activity.FromName, ["role"] = "user" });
        echo["text"] = activity.Form is null ? activity.Text : activity.Text ?? FormSent;
        if (activity.ClientActivityId is not null) echo["channelData"] = new JsonObject { ["clientActivityID"] = activity.ClientActivityId };
        // Web Chat draws no bubble for a card's submit (postBack): keep the flag so it stays hidden there.
        if (activity.PostBack) ((JsonObject)(echo["channelData"] ??= new JsonObject()))["postBack"] = true;
        return echo;
    }

    /// <summary>What stays of an answer to a counsellor once delivered: its place, not its words.</summary>
    public static JsonObject Forgotten(string id, string conversationId, DateTimeOffset timestamp)
    {
        var activity = Envelope(id, conversationId, timestamp, new JsonObject { ["id"] = BotId, ["name"] = BotName, ["role"] = "bot" });
        activity["text"] = "(Réponse effacée après lecture : elle parlait d'élèves. Redemandez-la si besoin.)";
        return activity;
    }

    public static JsonObject ToActivity(Reply reply, string id, string conversationId, DateTimeOffset timestamp, string? replyToId)
    {
        var activity = Envelope(id, conversationId, timestamp, new JsonObject { ["id"] = BotId, ["name"] = BotName, ["role"] = "bot" });
        activity["locale"] = "fr-FR";
        activity["textFormat"] = "markdown";
        if (replyToId is not null) activity["replyToId"] = replyToId;
        switch (reply)
        {
            case TextReply text:
                activity["text"] = text.Text;
                break;
            case ChoicesReply { Inline: true } choices:
                // Buttons that stay with their message: a hero card (suggested actions vanish at the next message).
                activity["text"] = choices.Text;
                activity["attachments"] = new JsonArray(new JsonObject
                {
                    ["contentType"] = HeroCard,
                    ["content"] = new JsonObject { ["buttons"] = new JsonArray([.. choices.Choices.Select(c => (JsonNode)Button(c))]) },
                });
                break;
            case ChoicesReply choices:
                activity["text"] = choices.Text;
                activity["suggestedActions"] = new JsonObject
                {
                    ["actions"] = new JsonArray([.. choices.Choices.Select(c => (JsonNode)Button(c))]),
                };
                break;
            case FormReply form:
                activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = AdaptiveCard, ["content"] = Shared.AdaptiveCards.Form(form) });
                break;
            case ImageReply image:
                activity["attachments"] = Image(image);
                break;
            case Dialogs.Charts.ChartReply chart:
                // Its numbers only: drawn when the transcript is read (WithChartDrawn), outside the turn's transaction.
                activity[ChartKey] = ReplyJson.ToNode(chart);
                break;
            case LinkReply link:
                activity["attachments"] = new JsonArray(new JsonObject
                {
                    ["contentType"] = HeroCard,
                    ["content"] = new JsonObject
                    {
                        ["title"] = link.Title,
                        ["buttons"] = new JsonArray(new JsonObject { ["type"] = "openUrl", ["title"] = OpenLink, ["value"] = link.Url.ToString() }),
                    },
                });
                break;
            case FileReply file:
                activity["attachments"] = new JsonArray(new JsonObject
                {
                    ["contentType"] = file.ContentType, ["name"] = file.Name,
                    ["contentUrl"] = $"data:{file.ContentType};base64," + Convert.ToBase64String(file.Content),
                });
                break;
        }
        return activity;
    }

    private static JsonArray Image(ImageReply image) => new(new JsonObject
    {
        ["contentType"] = "image/png", ["contentUrl"] = "data:image/png;base64," + Convert.ToBase64String(image.Png), ["name"] = image.AltText,
    });

    /// <summary>
    /// Where a stored answer keeps a chart's numbers. Only the server's activities have this top-level property (a person's
    /// own message is rebuilt by <see cref="Echo"/>); <see cref="ChartMarker"/> finds the few stored activities to open.
    /// </summary>
    private const string ChartKey = "chart";
    public const string ChartMarker = "\"" + ChartKey + "\":";

    /// <summary>A stored activity as it is served: its chart, if it has one, drawn as an inline image (or said in words).</summary>
    public static string WithChartDrawn(string json, Dialogs.Charts.ChartDrawer charts)
    {
        if (JsonNode.Parse(json) is not JsonObject activity || !activity.Remove(ChartKey, out var node)
            || node is null || ReplyJson.FromNode(node) is not Dialogs.Charts.ChartReply chart) return json;
        switch (charts.Image(chart))
        {
            case ImageReply image: activity["attachments"] = Image(image); break;
            case TextReply text: activity["text"] = text.Text; break;
        }
        return activity.ToJsonString(Json);
    }

    /// <summary>A button that sends back its label as text (shown) and its id as value (trusted only after checks).</summary>
    private static JsonObject Button(Choice choice) => new()
    {
        ["type"] = "messageBack", ["title"] = choice.Label, ["text"] = choice.Label, ["displayText"] = choice.Label,
        ["value"] = new JsonObject { ["choiceId"] = choice.Id },
    };

    private static JsonObject Envelope(string id, string conversationId, DateTimeOffset timestamp, JsonObject from) => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        ["channelId"] = "directline",
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["from"] = from,
    };

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Clip(v.GetValue<string>()) : null;

    private static string? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => Clip(value.GetValue<string>()),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => null,
    };

    // Over-long input is refused by the dialogs with a message; clipping only bounds what a request can make us hold.
    private static string Clip(string s) =>
        s.Length <= MaxFieldLength ? s : s[..(char.IsHighSurrogate(s[MaxFieldLength - 1]) ? MaxFieldLength - 1 : MaxFieldLength)];
}
