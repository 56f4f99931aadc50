using System.Text.RegularExpressions;

namespace Bot.Channels.Teams;

/// <summary>
/// appsettings "Teams": who the counsellors are (Entra object ids), and where the bot may post. The Bot
/// Framework's own keys (MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId)
/// stay at the root, where Bot Builder reads them.
/// </summary>
public sealed partial class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>Teams' service URLs (https://smba.trafficmanager.net/emea/, …/teams/, …) and the Bot Framework's other channels.</summary>
    public static readonly string[] DefaultServiceUrlHosts = ["smba.trafficmanager.net", "*.botframework.com"];

    public string[] CounsellorIds { get; set; } = [];

    /// <summary>
    /// The hosts of the service URLs the bot posts to (https, default port): a host name, or "*." and a
    /// domain for its subdomains. Empty: <see cref="DefaultServiceUrlHosts"/>. A list replaces the defaults.
    /// </summary>
    public string[] AllowedServiceUrlHosts { get; set; } = [];

    public IReadOnlyList<string> ServiceUrlHosts => AllowedServiceUrlHosts.Length > 0 ? AllowedServiceUrlHosts : DefaultServiceUrlHosts;

    /// <summary>A host name of two labels at least, or "*." and such a name: no scheme, port, path, nor a bare "*".</summary>
    public static bool IsHostPattern(string? pattern) => pattern is not null && HostPattern().IsMatch(pattern);

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
    private static partial Regex HostPattern();
}
