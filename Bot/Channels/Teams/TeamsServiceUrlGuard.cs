using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace Bot.Channels.Teams;

/// <summary>A service URL the bot will not post to (<see cref="TeamsAccess"/>).</summary>
internal sealed class RefusedServiceUrlException(string? serviceUrl) : Exception("Not a Bot Framework service URL")
{
    public string? ServiceUrl { get; } = serviceUrl;
}

/// <summary>
/// Bot Builder's authentication, then the service URL. An activity naming another service URL is refused
/// once its token is checked and before its turn; and no connector (the client that posts replies and
/// proactive messages) is ever made for one: whatever path Bot Builder takes, nothing is posted there.
/// </summary>
internal sealed class TeamsServiceUrlGuard(BotFrameworkAuthentication inner, TeamsAccess access) : BotFrameworkAuthentication
{
    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader,
        CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        if (!access.Allows(activity.ServiceUrl)) throw new RefusedServiceUrlException(activity.ServiceUrl);
        result.ConnectorFactory = new GuardedFactory(result.ConnectorFactory, access);
        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader,
        CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);
        result.ConnectorFactory = new GuardedFactory(result.ConnectorFactory, access);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new GuardedFactory(inner.CreateConnectorFactory(claimsIdentity), access);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);

    private sealed class GuardedFactory(ConnectorFactory inner, TeamsAccess access) : ConnectorFactory
    {
        public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
            access.Allows(serviceUrl) ? inner.CreateAsync(serviceUrl, audience, cancellationToken) : throw new RefusedServiceUrlException(serviceUrl);
    }
}
