using Bot.Dialogs.Badges;
using Bot.Dialogs.Programme;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Issuing;

/// <summary>
/// Issues an approved request on the platform and records the outcome on it. The address is kept
/// only until the badge is issued; a failure leaves the request approved, with the error, to retry.
/// </summary>
public sealed class BadgeIssuing(IBadgeIssuer issuer, IOptions<BadgeCatalog> catalog)
{
    public bool IssuesOnPlatform(string badgeId) => catalog.Value.Find(badgeId) is { } badge && issuer.CanIssue(badge);

    public async Task<IssueOutcome> IssueAsync(BadgeRequest request, string? pupilName, DateTimeOffset now, CancellationToken ct)
    {
        if (catalog.Value.Find(request.BadgeId) is not { } badge || request.IssueEmail is null)
            return IssueOutcome.Failure("badge or address missing");
        var outcome = await issuer.IssueAsync(badge, request.IssueEmail, pupilName, ct);
        if (outcome.Issued)
        {
            request.IssuedAt = now;
            request.ReceiveUrl = outcome.ReceiveUrl;
            request.IssueEmail = null;
            request.IssueError = null;
        }
        else
        {
            request.IssueError = outcome.Error is { Length: > 300 } error ? error[..300] : outcome.Error;
        }
        return outcome;
    }
}
