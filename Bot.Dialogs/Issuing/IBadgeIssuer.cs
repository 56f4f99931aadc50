using Bot.Dialogs.Programme;

namespace Bot.Dialogs.Issuing;

/// <summary>The result of asking the issuing platform for a badge: its claim link, or what went wrong.</summary>
public sealed record IssueOutcome(string? ReceiveUrl, string? Error)
{
    public bool Issued => ReceiveUrl is not null;
    public static IssueOutcome Success(string receiveUrl) => new(receiveUrl, null);
    public static IssueOutcome Failure(string error) => new(null, error);
}

/// <summary>Issues badges on the platform (Open Badge Factory), for badges configured for it.</summary>
public interface IBadgeIssuer
{
    bool CanIssue(BadgeDefinition badge);

    /// <summary>Never throws for a platform error: the outcome says what failed, the decision stays.</summary>
    Task<IssueOutcome> IssueAsync(BadgeDefinition badge, string email, string? name, CancellationToken ct);
}

/// <summary>When no platform is configured: pupils claim their badge through its public application link.</summary>
public sealed class NoBadgeIssuer : IBadgeIssuer
{
    public bool CanIssue(BadgeDefinition badge) => false;
    public Task<IssueOutcome> IssueAsync(BadgeDefinition badge, string email, string? name, CancellationToken ct) =>
        Task.FromResult(IssueOutcome.Failure("no issuer configured"));
}
