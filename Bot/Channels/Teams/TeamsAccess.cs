namespace Bot.Channels.Teams;

/// <summary>How /api/messages is open: to the Bot Framework (an app id), to this machine only (no app id, no secret), or not at all.</summary>
internal enum TeamsMode { BotFramework, Local, Off }

/// <summary>
/// Who may call the Teams endpoint, and where the bot may post: only to the Bot Framework's service URLs
/// (https on the default port, a host of Teams:AllowedServiceUrlHosts), never wherever a request says.
/// On a machine of its own (no app id, no secret) loopback too: the emulator, the tests' fake connector.
/// </summary>
internal sealed class TeamsAccess(TeamsMode mode, IReadOnlyList<string> hosts)
{
    public TeamsMode Mode => mode;

    /// <summary>An app id: the Bot Framework. None, but the deployment's secret: off (anonymous is for one machine only). Neither: local.</summary>
    public static TeamsAccess From(string? microsoftAppId, bool hasSecret, TeamsOptions options) =>
        new(!string.IsNullOrWhiteSpace(microsoftAppId) ? TeamsMode.BotFramework : hasSecret ? TeamsMode.Off : TeamsMode.Local,
            options.ServiceUrlHosts);

    public bool Allows(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0) return false;
        var web = uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp;
        if (mode == TeamsMode.Local && web && uri.IsLoopback) return true;
        return uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && hosts.Any(pattern => Matches(uri.IdnHost, pattern));
    }

    /// <summary>The host a service URL names, for a log line (never the whole URL).</summary>
    public static string HostOf(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && uri.IdnHost is { Length: > 0 and <= 253 } host ? host : "(not a URL)";

    private static bool Matches(string host, string pattern) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.Length > pattern.Length - 1 && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
}
