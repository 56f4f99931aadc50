namespace Bot.Channels.Teams;

/// <summary>How /api/messages is open: to the Bot Framework (an app id), to this machine only (no app id, no secret), or not at all.</summary>
internal enum TeamsMode { BotFramework, Local, Off }

/// <summary>Who may call the Teams endpoint.</summary>
internal sealed class TeamsAccess(TeamsMode mode)
{
    public TeamsMode Mode => mode;

    /// <summary>An app id: the Bot Framework. None, but the deployment's secret: off (anonymous is for one machine only). Neither: local.</summary>
    public static TeamsAccess From(string? microsoftAppId, bool hasSecret) =>
        new(!string.IsNullOrWhiteSpace(microsoftAppId) ? TeamsMode.BotFramework : hasSecret ? TeamsMode.Off : TeamsMode.Local);
}
