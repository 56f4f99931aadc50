namespace Bot.Dialogs.Badges;

public enum BadgeRequestStatus { Pending, Approved, Refused }

/// <summary>A pupil's request for a badge, waiting for the counsellor's decision.</summary>
public sealed class BadgeRequest
{
    public const int MaxMessageLength = 500;

    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PersonId { get; init; }
    /// <summary>The group asked: only its counsellors see and decide the request.</summary>
    public Guid? GroupId { get; init; }
    public required string BadgeId { get; init; }
    public string? Message { get; set; }
    public BadgeRequestStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>Who decided, as the counsellor's name (or channel id) read at the time.</summary>
    public string? DecidedBy { get; set; }
    public string? RefusalReason { get; set; }
    /// <summary>The address the badge is issued to: asked only when the platform issues it, erased once it has.</summary>
    public string? IssueEmail { get; set; }
    public DateTimeOffset? IssuedAt { get; set; }
    /// <summary>The platform's link that lets the pupil collect the issued badge.</summary>
    public string? ReceiveUrl { get; set; }
    /// <summary>What went wrong at the last attempt to issue, for the counsellor (never the pupil's data).</summary>
    public string? IssueError { get; set; }

    public const int MaxEmailLength = 254;
}
