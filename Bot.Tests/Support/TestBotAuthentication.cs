using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace Bot.Tests.Support;

/// <summary>
/// Stands in for Microsoft's token check on a bot with a MicrosoftAppId: a request bearing
/// <see cref="Bearer"/> is taken as signed by the Bot Framework, anything else is refused (401).
/// Replies and proactive messages then go out as Bot Builder's anonymous mode sends them (no token
/// of their own), so a test can watch where they go.
/// </summary>
public sealed class TestBotAuthentication : BotFrameworkAuthentication
{
    /// <summary>A test value shaped like a JWT (three base64url parts), as the endpoint's first check wants.</summary>
    public const string Bearer = "Bearer test-header.test-claims.test-signature";

    private readonly BotFrameworkAuthentication _open = BotFrameworkAuthenticationFactory.Create();

    public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
        authHeader == Bearer ? _open.AuthenticateRequestAsync(activity, "", cancellationToken) : throw new UnauthorizedAccessException();

    public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader,
        CancellationToken cancellationToken) => throw new UnauthorizedAccessException();

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => _open.CreateConnectorFactory(claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        _open.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);
}
