namespace Bot.Dialogs.SelfAssessment;

/// <summary>A pupil's own look at a trimester, on the programme's grid, each from 1 to 4. One per pupil and trimester.</summary>
public sealed class TrimesterSelfAssessment
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PersonId { get; init; }
    public Guid? GroupId { get; set; }
    public required string Trimester { get; init; }
    public int KnowHow { get; set; }
    public int SoftSkills { get; set; }
    public int Digital { get; set; }
    public int Civic { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
