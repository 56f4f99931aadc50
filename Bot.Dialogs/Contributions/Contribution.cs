namespace Bot.Dialogs.Contributions;

public enum ContributionDomain { DigitalSkills, CivicEngagement, SoftSkills, Other }

/// <summary>One Friday session as a pupil logged it, with their self-assessment (level 1 to 4).</summary>
public sealed class Contribution
{
    public const int MaxTextLength = 1000;

    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PersonId { get; init; }
    /// <summary>The group the pupil was in when they logged it: it stays there if they change group.</summary>
    public Guid? GroupId { get; init; }
    public DateOnly SessionDate { get; set; }
    public required string Shared { get; set; }
    public required string Learned { get; set; }
    public ContributionDomain Domain { get; set; }
    public int Level { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
