namespace Bot.Dialogs.Store;

/// <summary>
/// The state of one conversation on one channel, as JSON, so that any instance can take the next
/// turn. <see cref="Version"/> is a concurrency token: two turns racing on one conversation never
/// silently overwrite each other.
/// </summary>
public sealed class ConversationRecord
{
    public required string Channel { get; init; }
    public required string ConversationId { get; init; }
    public Guid? PersonId { get; set; }
    public string State { get; set; } = "{}";
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
