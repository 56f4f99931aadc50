namespace Bot.Channels.Teams;

/// <summary>
/// appsettings "Teams": who the counsellors are (Entra object ids). The Bot Framework's own keys
/// (MicrosoftAppType, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId) stay at the root,
/// where Bot Builder reads them.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";
    public string[] CounsellorIds { get; set; } = [];
}
