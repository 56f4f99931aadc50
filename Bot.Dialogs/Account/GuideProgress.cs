namespace Bot.Dialogs.Account;

/// <summary>Where a pupil stopped in the account guide, kept apart from the conversation so it survives "annuler".</summary>
public sealed class GuideProgress
{
    public Guid PersonId { get; init; }
    public int Step { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
