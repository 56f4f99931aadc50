using System.ComponentModel.DataAnnotations;

namespace Bot.Dialogs.Reminders;

/// <summary>When the bot speaks first (appsettings "Reminders"); times are Europe/Paris.</summary>
public sealed class RemindersOptions
{
    public const string Section = "Reminders";

    /// <summary>Pupils who logged a session in the last this-many weeks get the Friday reminder.</summary>
    [Range(1, 52)]
    public int ActiveWeeks { get; set; } = 4;

    /// <summary>The trimester-end nudge to the counsellors: this many days before the last day, and on its last Friday.</summary>
    [Range(1, 60)]
    public int NudgeDaysBefore { get; set; } = 7;

    public TimeOnly NudgeAt { get; set; } = new(9, 0);

    /// <summary>The self-assessment invitation, in the trimester's last week: this many days before its last day (4: the Monday before a Friday).</summary>
    [Range(0, 30)]
    public int SelfAssessmentDaysBefore { get; set; } = 4;

    public TimeOnly SelfAssessmentAt { get; set; } = new(10, 0);

    /// <summary>The weekly digest of pending requests, when there are some.</summary>
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    public TimeOnly DigestAt { get; set; } = new(9, 0);
}
