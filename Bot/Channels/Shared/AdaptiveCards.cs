using System.Text.Json.Nodes;
using Bot.Dialogs.Engine;

namespace Bot.Channels.Shared;

/// <summary>Adaptive Cards as plain JSON (the AdaptiveCards package is not used): the web chat and Teams draw forms with them.</summary>
internal static class AdaptiveCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>A form as an Adaptive Card (plain JSON); its submit comes back as a message whose value holds the fields.</summary>
    public static JsonObject Form(FormReply form)
    {
        var body = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = form.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true });
        foreach (var field in form.Fields)
        {
            var input = new JsonObject { ["id"] = field.Id, ["label"] = field.Label, ["isRequired"] = field.Required };
            // Adaptive Cards refuse to draw a required input that has no error message.
            if (field.Required) input["errorMessage"] = $"« {field.Label} » est à remplir.";
            switch (field.Kind)
            {
                case FieldKind.Date: input["type"] = "Input.Date"; break;
                case FieldKind.Choice:
                    input["type"] = "Input.ChoiceSet";
                    input["style"] = "compact";
                    input["choices"] = new JsonArray(
                        [.. (field.Choices ?? []).Select(c => (JsonNode)new JsonObject { ["title"] = c.Label, ["value"] = c.Id })]);
                    break;
                default:
                    input["type"] = "Input.Text";
                    input["isMultiline"] = field.Kind == FieldKind.LongText;
                    if (field.MaxLength is { } max) input["maxLength"] = max;
                    if (field.Placeholder is { } placeholder) input["placeholder"] = placeholder;
                    break;
            }
            // Input.Date takes yyyy-MM-dd only: a date typed earlier that could not be read is not shown there.
            if (field.Value is not null && (field.Kind != FieldKind.Date || DateOnly.TryParseExact(field.Value, "yyyy-MM-dd", out _)))
                input["value"] = field.Value;
            body.Add(input);
        }
        return new JsonObject
        {
            ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = body,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.Submit", ["title"] = form.SubmitLabel, ["data"] = new JsonObject { ["formId"] = form.Id },
            }),
        };
    }
}
