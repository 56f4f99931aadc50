using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

public static class DiscordExtensions
{
    /// <summary>The Discord channel, when configured. Misconfigured: the app does not start, and says why.</summary>
    public static void AddDiscord(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section);
        var options = builder.Configuration.GetSection(DiscordOptions.Section).Get<DiscordOptions>() ?? new();
        if (options.Problem() is { } problem) throw new InvalidOperationException(problem);
        if (options.Enabled) builder.Services.AddSingleton(DiscordSignature.FromHex(options.PublicKey!));
    }

    public static void MapDiscordChannel(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (options.Enabled) { app.MapDiscord(); return; }
        app.Logger.LogInformation("Discord channel off: set Discord:ApplicationId and Discord:PublicKey to turn it on.");
    }
}
