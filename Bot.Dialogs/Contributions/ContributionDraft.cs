namespace Bot.Dialogs.Contributions;

public enum ContributionStep { Date, DayCheck, Duplicate, Shared, Learned, Domain, Level, Recap, Edit }

/// <summary>A session being logged: the answers so far and the question last asked.</summary>
public sealed record ContributionDraft
{
    public ContributionStep Step { get; init; }
    public DateOnly? Date { get; init; }
    /// <summary>The pupil's group's session day, read once when the dialog begins.</summary>
    public DayOfWeek? SessionDay { get; init; }
    /// <summary>Set while <see cref="Date"/> is not a session day and the pupil has not confirmed it.</summary>
    public bool UnusualDay { get; init; }
    public string? Shared { get; init; }
    public string? Learned { get; init; }
    public ContributionDomain? Domain { get; init; }
    public int? Level { get; init; }
    /// <summary>Set when the pupil chose to replace a session already logged for the same date.</summary>
    public Guid? ReplaceId { get; init; }
    /// <summary>The session already logged for <see cref="Date"/>, while the pupil decides what to do.</summary>
    public Guid? DuplicateOfId { get; init; }
    /// <summary>The logged session being changed (from <c>/mes-séances</c>): saving updates it.</summary>
    public Guid? EditingId { get; init; }
    /// <summary>The group of the session being changed: its closed trimesters are the ones that count.</summary>
    public Guid? EditingGroupId { get; init; }
    /// <summary>A date typed in the form that could not be read: shown again in the form, to correct.</summary>
    public string? RejectedDate { get; init; }

    /// <summary>The first question still unanswered, or the recap once all are.</summary>
    public ContributionStep NextStep() =>
        Date is null ? ContributionStep.Date
        : UnusualDay ? ContributionStep.DayCheck
        : DuplicateOfId is not null ? ContributionStep.Duplicate
        : Shared is null ? ContributionStep.Shared
        : Learned is null ? ContributionStep.Learned
        : Domain is null ? ContributionStep.Domain
        : Level is null ? ContributionStep.Level
        : ContributionStep.Recap;
}

// The draft as JSON, source-generated: read and written by this dialog only.
[System.Text.Json.Serialization.JsonSourceGenerationOptions(UseStringEnumConverter = true,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ContributionDraft))]
internal sealed partial class ContributionDraftJson : System.Text.Json.Serialization.JsonSerializerContext;
