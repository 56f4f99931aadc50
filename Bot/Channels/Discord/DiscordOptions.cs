namespace Bot.Channels.Discord;

/// <summary>appsettings "Discord". Without ApplicationId and PublicKey the channel is off.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    public string? ApplicationId { get; set; }
    /// <summary>The application's public key: 64 hex characters (a raw Ed25519 key).</summary>
    public string? PublicKey { get; set; }
    /// <summary>For the REST API (follow-ups, DMs, command registration); from the environment.</summary>
    public string? BotToken { get; set; }
    /// <summary>
    /// The programme's server. Set: interactions from any other server get a short private answer and
    /// run nothing; DMs with the bot (no server) are always taken. Empty: every server is taken.
    /// </summary>
    public string? GuildId { get; set; }
    public string[] CounsellorRoleIds { get; set; } = [];
    public string[] CounsellorUserIds { get; set; } = [];
    public string? NudgeChannelId { get; set; }
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>
    /// Discord's global limit (50 requests a second per bot token). On PostgreSQL every instance counts against it
    /// together, in the database; on SQLite the one instance counts alone.
    /// </summary>
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>On PostgreSQL, this instance's share of the global limit while the database cannot be reached.</summary>
    public int FallbackRequestsPerSecond { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(ApplicationId) && !string.IsNullOrWhiteSpace(PublicKey);

    /// <summary>Why the configuration cannot work, or null.</summary>
    public string? Problem() =>
        !Enabled ? null
        : PublicKey!.Length != 64 || !PublicKey.All(Uri.IsHexDigit) ? "Discord:PublicKey must be the application's public key: 64 hexadecimal characters."
        : !ApplicationId!.All(char.IsAsciiDigit) ? "Discord:ApplicationId must be the application's numeric id."
        : GuildId is { Length: > 0 } guild && !guild.All(char.IsAsciiDigit) ? "Discord:GuildId must be the server's numeric id (or empty)."
        : !Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _) ? "Discord:ApiBaseUrl must be an absolute URL."
        : null;
}
