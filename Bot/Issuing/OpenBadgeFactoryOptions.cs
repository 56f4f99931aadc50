namespace Bot.Issuing;

/// <summary>Open Badge Factory API v2 credentials (appsettings "OpenBadgeFactory"; the secret from the environment).</summary>
public sealed class OpenBadgeFactoryOptions
{
    public const string Section = "OpenBadgeFactory";

    public string BaseUrl { get; set; } = "https://openbadgefactory.com";
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
