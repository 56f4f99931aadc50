using System.ComponentModel.DataAnnotations;

namespace Bot.Channels.WebChat;

/// <summary>How counsellors sign in on the web chat: the session's length, and the town's OpenID Connect provider if there is one.</summary>
public sealed class CounsellorSignInOptions
{
    public const string Section = "CounsellorSignIn";

    /// <summary>A counsellor's session ends after this long without use (and at once on "se déconnecter").</summary>
    [Range(1, 24 * 30)]
    public int InactivityHours { get; init; } = 12;

    public OidcProviderOptions Oidc { get; init; } = new();
}

/// <summary>
/// The town's OpenID Connect provider (Microsoft Entra ID or any other): authorization code flow
/// with PKCE. Counsellors are the accounts listed by their object id (<c>oid</c>) or subject
/// (<c>sub</c>), or holders of a listed group (<c>groups</c> claim) or app role (<c>roles</c> claim).
/// Any other account is refused (it stays a pupil's browser).
/// </summary>
public sealed class OidcProviderOptions
{
    /// <summary>The issuer's address, e.g. https://login.microsoftonline.com/{tenant}/v2.0. Empty: no provider, invitations only.</summary>
    public string? Authority { get; init; }
    public string? ClientId { get; init; }
    /// <summary>From the environment or a secret store (CounsellorSignIn__Oidc__ClientSecret), never in the repository.</summary>
    public string? ClientSecret { get; init; }
    public string[] Subjects { get; init; } = [];
    public string[] Groups { get; init; } = [];
    public string[] Roles { get; init; } = [];
    /// <summary>Only for a provider on this machine (tests): a real provider is always https.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
