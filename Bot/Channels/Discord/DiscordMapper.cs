using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;

namespace Bot.Channels.Discord;

/// <summary>What the bot needs from an interaction.</summary>
internal sealed record Interaction(string Id, string Token, int Type, string? ChannelId, string? GuildId, string UserId, string? UserName, IReadOnlyList<string> RoleIds,
    string? CommandName, IReadOnlyList<string> OptionValues, string? CustomId, string? ClickedLabel, IReadOnlyDictionary<string, string> Fields,
    bool UpdatesMessage = false, string? MessageContent = null, JsonNode? MessageComponents = null);

/// <summary>Pure mapping between Discord interactions (JSON) and the bot's neutral messages and replies.</summary>
internal static class DiscordMapper
{
    public const string Channel = "discord";
    public const int Ping = 1, Command = 2, Component = 3, ModalSubmit = 5;
    public const int Pong = 1, Message = 4, Deferred = 5, Modal = 9;
    public const int Ephemeral = 64;
    public const string AnswerId = "answer";
    public const string UpdatePrefix = "u|";
    public const int UpdateMessage = 7;
    private const int MaxContent = 2000, MaxButtons = 25, MaxLabel = 80, MaxModalTitle = 45, MaxFieldLabel = 45;

    /// <summary>To someone using the bot from another server than Discord:GuildId.</summary>
    public const string OtherServer =
        "Je ne réponds que sur le serveur Discord du Peer to Peer de Vire Normandie. Retrouve-moi là-bas, ou écris-moi en message privé.";

    public static Interaction? Parse(JsonNode? node)
    {
        if (node is not JsonObject o || o["id"]?.GetValue<string>() is not { } id || o["type"] is not JsonValue typeValue || !typeValue.TryGetValue<int>(out var type))
            return null;
        var member = o["member"] as JsonObject;
        var user = (member?["user"] ?? o["user"]) as JsonObject;
        var data = o["data"] as JsonObject;
        var rawId = Str(data?["custom_id"]);
        // Buttons of a message of their own (one request to decide) carry "u|": their click updates that message.
        var updates = rawId?.StartsWith(UpdatePrefix, StringComparison.Ordinal) == true;
        var customId = updates ? rawId![UpdatePrefix.Length..] : rawId;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectFields(data?["components"], fields);
        return new Interaction(id, Str(o["token"]) ?? "", type, Str(o["channel_id"]), Str(o["guild_id"]), Str(user?["id"]) ?? "", Str(member?["nick"]) ?? Str(user?["global_name"]) ?? Str(user?["username"]),
            [.. (member?["roles"] as JsonArray ?? []).Select(r => r?.GetValue<string>() ?? "")],
            Str(data?["name"]), [.. (data?["options"] as JsonArray ?? []).Select(opt => opt?["value"]?.ToString() ?? "")],
            customId, rawId is null ? null : LabelOf(o["message"]?["components"], rawId), fields,
            updates, Str(o["message"]?["content"]), o["message"]?["components"]?.DeepClone());
    }

    /// <summary>The neutral message for an interaction (not a PING, not the "Répondre" button).</summary>
    public static IncomingMessage ToIncoming(Interaction i)
    {
        var from = new ChannelUser(Channel, i.UserId, i.UserName);
        var conversation = $"{i.ChannelId ?? "dm"}:{i.UserId}";
        var message = i.Type switch
        {
            Command => new IncomingMessage(from, conversation, CommandText(i), PrefersForms: true),
            Component => new IncomingMessage(from, conversation, i.ClickedLabel ?? i.CustomId, i.CustomId, PrefersForms: true),
            _ when i.CustomId == AnswerId => new IncomingMessage(from, conversation, i.Fields.GetValueOrDefault("text"), PrefersForms: true),
            _ => new IncomingMessage(from, conversation, Form: new SubmittedForm(i.CustomId ?? "", i.Fields), PrefersForms: true),
        };
        // The channel before its server: a group may be mapped to either (Groups:…:Places).
        return message with { Places = [.. Places(i)] };
    }

    private static IEnumerable<string> Places(Interaction i)
    {
        if (i.ChannelId is { } channel) yield return $"discord:channel:{channel}";
        if (i.GuildId is { } guild) yield return $"discord:guild:{guild}";
    }

    private static string CommandText(Interaction i) => i.CommandName switch
    {
        "aide" => "aide",
        "mes-donnees" => "mes données",
        var name => string.Join(' ', new[] { "/" + name }.Concat(i.OptionValues)).Trim(),
    };

    /// <summary>The interaction response for a turn: a modal when the bot asks a form, else one (private) message.</summary>
    public static JsonObject ToResponse(TurnResult result, bool canOpenModal, bool fromUpdatingButton = false)
    {
        if (canOpenModal && result.Replies.OfType<FormReply>().FirstOrDefault() is { } form)
        {
            var modal = ModalFor(form);
            // Opened from a request's own message: its submit updates that message too.
            if (fromUpdatingButton) modal["custom_id"] = UpdatePrefix + form.Id;
            return new JsonObject { ["type"] = Modal, ["data"] = modal };
        }

        var parts = new List<string>();
        var buttons = new List<Choice>();
        foreach (var reply in result.Replies)
        {
            switch (reply)
            {
                case ChoicesReply { Inline: true }: break; // sent as messages of their own (FollowUps)
                case TextReply t: parts.Add(t.Text); break;
                case ChoicesReply c: parts.Add(c.Text); buttons.AddRange(c.Choices); break;
                case LinkReply l: parts.Add($"[{l.Title}]({l.Url})"); break;
                case FormReply f: buttons.Add(new Choice(f.Id + ":form", f.Title)); break;
                case ImageReply i: parts.Add(i.AltText); break;
                case FileReply f: parts.Add($"📎 {f.Name}"); break;
            }
        }
        // A dialog waits for words: Discord has no text box in a reply, so a button opens one (typed answers are always welcome).
        if (result.ExpectsAnswer && !result.Replies.OfType<FormReply>().Any()) buttons.Add(new Choice(AnswerId, "Répondre"));
        if (parts.Count == 0 && result.Replies.Any(r => r is ChoicesReply { Inline: true })) parts.Add("👇");
        var content = string.Join("\n\n", parts);
        var data = new JsonObject
        {
            ["content"] = content.Length <= MaxContent ? content : content[..(MaxContent - 1)] + "…",
            ["flags"] = Ephemeral,
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
        if (buttons.Count > 0) data["components"] = Rows(buttons.DistinctBy(b => b.Id).Take(MaxButtons));
        return new JsonObject { ["type"] = Message, ["data"] = data };
    }

    /// <summary>A private message that answers the interaction outside any turn.</summary>
    public static JsonObject Notice(string text) => new()
    {
        ["type"] = Message,
        ["data"] = new JsonObject { ["content"] = text, ["flags"] = Ephemeral, ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } },
    };

    /// <summary>One private follow-up message per item that has buttons of its own (each request to decide).</summary>
    public static IReadOnlyList<JsonObject> FollowUps(TurnResult result) =>
        [.. result.Replies.OfType<ChoicesReply>().Where(c => c.Inline).Select(c => new JsonObject
        {
            ["content"] = Clip(c.Text, MaxContent), ["flags"] = Ephemeral, ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
            ["components"] = Rows(c.Choices.Select(ch => ch with { Id = UpdatePrefix + ch.Id })),
        })];

    /// <summary>
    /// A click on such an item updates its message: what it said, then the outcome; the old buttons
    /// disabled, or the new question's buttons when the turn asks one (the reason of a refusal).
    /// </summary>
    public static JsonObject UpdateResponse(Interaction clicked, TurnResult result)
    {
        if (clicked.Type == Component && result.Replies.OfType<FormReply>().Any()) return ToResponse(result, canOpenModal: true, fromUpdatingButton: true);
        var answer = ToResponse(result, canOpenModal: false)["data"]!.AsObject();
        var content = $"{clicked.MessageContent}\n\n{answer["content"]!.GetValue<string>()}".Trim();
        var data = new JsonObject
        {
            ["content"] = Clip(content, MaxContent),
            ["components"] = answer["components"]?.DeepClone() ?? Disabled(clicked.MessageComponents),
        };
        return new JsonObject { ["type"] = UpdateMessage, ["data"] = data };
    }

    private static JsonNode Disabled(JsonNode? components)
    {
        var copy = components?.DeepClone() ?? new JsonArray();
        foreach (var row in copy.AsArray())
            foreach (var button in (row?["components"] as JsonArray ?? []).OfType<JsonObject>()) button["disabled"] = true;
        return copy;
    }

    /// <summary>"The bot is thinking": the answer follows by editing the original response.</summary>
    public static JsonObject DeferredResponse() => new() { ["type"] = Deferred, ["data"] = new JsonObject { ["flags"] = Ephemeral } };

    /// <summary>The files of a turn (a QR code, a chart, a CSV), to send as attachments; an image carries its alt text.</summary>
    public static IReadOnlyList<DiscordFile> Files(TurnResult result) =>
        [.. result.Replies.Select(r => r switch
        {
            ImageReply i => new DiscordFile(i.FileName, "image/png", i.Png, Clip(i.AltText, MaxDescription)),
            FileReply f => new DiscordFile(f.Name, f.ContentType, f.Content),
            _ => null,
        }).OfType<DiscordFile>()];

    /// <summary>Discord's limit on an attachment's description (its alt text).</summary>
    public const int MaxDescription = 1024;

    /// <summary>The one-field modal behind "Répondre".</summary>
    public static JsonObject AnswerModal() => new()
    {
        ["type"] = Modal,
        ["data"] = new JsonObject
        {
            ["custom_id"] = AnswerId, ["title"] = "Ta réponse",
            ["components"] = new JsonArray(Label("Ta réponse", new JsonObject
            {
                ["type"] = 4, ["custom_id"] = "text", ["style"] = 2, ["required"] = true, ["max_length"] = 4000,
            })),
        },
    };

    private static JsonObject ModalFor(FormReply form)
    {
        var components = new JsonArray();
        foreach (var field in form.Fields.Take(5))
        {
            JsonObject input = field.Kind == FieldKind.Choice
                ? new JsonObject
                {
                    ["type"] = 3, ["custom_id"] = field.Id, ["required"] = field.Required,
                    ["options"] = new JsonArray([.. (field.Choices ?? []).Take(25).Select(c => (JsonNode)new JsonObject
                    {
                        ["label"] = Clip(c.Label, 100), ["value"] = c.Id, ["default"] = c.Id == field.Value,
                    })]),
                }
                : new JsonObject
                {
                    ["type"] = 4, ["custom_id"] = field.Id, ["style"] = field.Kind == FieldKind.LongText ? 2 : 1, ["required"] = field.Required,
                    ["max_length"] = Math.Min(field.MaxLength ?? 4000, 4000),
                };
            var value = field.Kind == FieldKind.Date && DateOnly.TryParse(field.Value, System.Globalization.CultureInfo.InvariantCulture, out var day)
                ? ParisTime.LongDate(day) // "vendredi 27 novembre 2026": typed back, read by the French date reader
                : field.Value;
            if (field.Kind != FieldKind.Choice && !string.IsNullOrEmpty(value)) input["value"] = value;
            components.Add(Label(field.Label, input));
        }
        return new JsonObject { ["custom_id"] = form.Id, ["title"] = Clip(form.Title, MaxModalTitle), ["components"] = components };
    }

    private static JsonObject Label(string label, JsonObject component) =>
        new() { ["type"] = 18, ["label"] = Clip(label, MaxFieldLabel), ["component"] = component };

    private static JsonArray Rows(IEnumerable<Choice> choices) =>
        new([.. choices.Chunk(5).Select(row => (JsonNode)new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray([.. row.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = 2, ["style"] = c.Id == AnswerId || c.Id.EndsWith(":yes", StringComparison.Ordinal) || c.Id.Contains(":approve:") ? 1 : 2,
                ["label"] = Clip(c.Label, MaxLabel), ["custom_id"] = c.Id,
            })]),
        })]);

    // Modal submits: the current shape (Label → "component") and the older one (action row → "components").
    private static void CollectFields(JsonNode? node, Dictionary<string, string> fields)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array) CollectFields(item, fields);
                break;
            case JsonObject o:
                if (Str(o["custom_id"]) is { } id)
                {
                    if (Str(o["value"]) is { } value) fields[id] = value;
                    else if (o["values"] is JsonArray values && values.Count > 0 && Str(values[0]) is { } first) fields[id] = first;
                }
                CollectFields(o["component"], fields);
                CollectFields(o["components"], fields);
                break;
        }
    }

    private static string? LabelOf(JsonNode? components, string customId) =>
        components is null ? null
        : components is JsonArray a ? a.Select(c => LabelOf(c, customId)).FirstOrDefault(l => l is not null)
        : components is JsonObject o ? (Str(o["custom_id"]) == customId ? Str(o["label"]) : LabelOf(o["components"], customId))
        : null;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
