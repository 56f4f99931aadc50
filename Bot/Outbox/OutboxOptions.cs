namespace Bot.Outbox;

/// <summary>appsettings "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How long an instance holds a row it is sending. A row held by an instance that died is sent
    /// again after this: longer than any send takes, short enough for a restart to catch up soon.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)] public int LeaseSeconds { get; set; } = 120;
}
