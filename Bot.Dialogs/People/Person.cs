namespace Bot.Dialogs.People;

/// <summary>A pupil or a counsellor. We keep only a display name, and only when the channel gives one.</summary>
public sealed class Person
{
    public const int MaxNameLength = 100;
    public Guid Id { get; init; } = Guid.NewGuid();
    public string? DisplayName { get; set; }
    /// <summary>As their channel last said: lets the bot reach counsellors first (an issuing failure, a digest).</summary>
    public bool IsCounsellor { get; set; }
    /// <summary>The pupil said "stop rappels": no Friday reminder.</summary>
    public bool RemindersOff { get; set; }
    /// <summary>A pupil's group (one at a time); for a counsellor, the one of their groups they are looking at.</summary>
    public Guid? GroupId { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public List<ChannelIdentity> Identities { get; init; } = [];
}

/// <summary>How one channel knows a person: ("webchat", "u-1234"), ("discord", "80351110224678912")…</summary>
public sealed class ChannelIdentity
{
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>Settable: linking moves an identity to another person, unlinking to a new one.</summary>
    public Guid PersonId { get; set; }
    public required string Channel { get; init; }
    public required string ExternalId { get; init; }
    /// <summary>When the person last spoke here (to the minute): notices go to the channel used most recently first.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
