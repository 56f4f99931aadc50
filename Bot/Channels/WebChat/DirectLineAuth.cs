using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

internal enum CallerKind { Local, Secret, Token }

internal sealed record Caller(CallerKind Kind, TokenClaims? Token = null)
{
    /// <summary>Whether this caller may act on the conversation: a token is good for its own conversation only.</summary>
    public bool MayUse(string conversationId) => Kind != CallerKind.Token || Token!.ConversationId == conversationId;
}

/// <summary>Authenticates a Direct Line call before its body is read.</summary>
internal sealed class DirectLineAuth(IOptions<WebChatOptions> options, DirectLineTokens tokens)
{
    private readonly byte[]? _secret = options.Value.HasSecret ? Encoding.UTF8.GetBytes(options.Value.Secret!) : null;

    public (Caller? Caller, IResult? Failure) Authenticate(HttpContext http)
    {
        var credential = Bearer(http);
        if (_secret is null)
        {
            // No secret: this machine only. A token we issued still names its conversation and user.
            if (!LocalRequests.IsFromThisMachine(http))
                return (null, DirectLineErrors.Forbidden("Ce chat n'est ouvert qu'à cet ordinateur (aucun secret configuré)."));
            return credential is not null && tokens.Verify(credential) is { } local
                ? (new Caller(CallerKind.Token, local), null)
                : (new Caller(CallerKind.Local), null);
        }

        if (credential is null) return (null, DirectLineErrors.Unauthorized());
        if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(credential), _secret))
            return (new Caller(CallerKind.Secret), null);
        return tokens.Verify(credential) is { } claims
            ? (new Caller(CallerKind.Token, claims), null)
            : (null, DirectLineErrors.Forbidden("Le jeton a expiré ou n'est pas valable."));
    }

    public static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
