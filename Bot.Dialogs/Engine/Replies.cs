namespace Bot.Dialogs.Engine;

/// <summary>Something the bot says, in a shape every channel can render.</summary>
[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(TextReply), "text")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ChoicesReply), "choices")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(FormReply), "form")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ImageReply), "image")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(LinkReply), "link")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(FileReply), "file")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(Charts.GroupChartReply), "groupchart")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(Charts.PupilChartReply), "pupilchart")]
public abstract record Reply;

/// <summary>Text in a small Markdown subset: **bold**, line breaks, "- " bullets.</summary>
public sealed record TextReply(string Text) : Reply
{
    /// <summary>What the copy kept for a repeated delivery says instead, when the text must not be kept (a one-time code).</summary>
    public string? Replay { get; init; }
}

/// <summary>
/// A question offered as buttons; the same answer may also be typed. Channels may show the buttons
/// of the last message only; <paramref name="Inline"/> buttons stay with their message (one
/// request among several, each with its own "Approuver").
/// </summary>
public sealed record ChoicesReply(string Text, IReadOnlyList<Choice> Choices, bool Inline = false) : Reply;

public sealed record Choice(string Id, string Label);

/// <summary>A form to fill at once: a Discord modal, a Teams card, a card in the web chat.</summary>
public sealed record FormReply(string Id, string Title, IReadOnlyList<FormField> Fields, string SubmitLabel) : Reply;

public enum FieldKind { ShortText, LongText, Choice, Date }

public sealed record FormField(string Id, string Label, FieldKind Kind, bool Required, string? Value = null,
    IReadOnlyList<Choice>? Choices = null, int? MaxLength = null, string? Placeholder = null);

public sealed record ImageReply(byte[] Png, string AltText) : Reply
{
    /// <summary>The file's name where a channel sends the image as a file (Discord).</summary>
    public string FileName { get; init; } = "qr-code.png";
}

public sealed record LinkReply(string Title, Uri Url) : Reply;

public sealed record FileReply(string Name, string ContentType, byte[] Content) : Reply;
