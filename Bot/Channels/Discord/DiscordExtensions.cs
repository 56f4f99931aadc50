using Microsoft.Extensions.Options;

namespace Bot.Channels.Discord;

public static class DiscordExtensions
{
    /// <summary>The Discord channel, when configured. Misconfigured: the app does not start, and says why.</summary>
    public static void AddDiscord(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section);
        // Its table exists whether the channel is on or not: what it kept expires all the same.
        builder.Services.AddScoped<Bot.Store.IRetentionRule, DiscordRetention>();
        var options = builder.Configuration.GetSection(DiscordOptions.Section).Get<DiscordOptions>() ?? new();
        if (options.Problem() is { } problem) throw new InvalidOperationException(problem);
        if (!options.Enabled) return;
        builder.Services.AddSingleton(DiscordSignature.FromHex(options.PublicKey!));
        builder.Services.AddSingleton<DiscordFollowUps>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DiscordFollowUps>());
        builder.Services.AddDiscordRestClient();
        builder.Services.AddScoped<DiscordCommands>();
        builder.Services.AddSingleton<Bot.Turns.IChannelCounsellors, DiscordCounsellors>();
        if (!string.IsNullOrWhiteSpace(options.BotToken))
        {
            builder.Services.AddScoped<DiscordNotifier>();
            builder.Services.AddScoped<Bot.Dialogs.Notices.IChannelNotifier>(sp => sp.GetRequiredService<DiscordNotifier>());
            builder.Services.AddScoped<Bot.Dialogs.MyData.IChannelDataEraser>(sp => sp.GetRequiredService<DiscordNotifier>());
            builder.Services.AddScoped<Bot.Dialogs.Notices.ICounsellorRoom>(sp => sp.GetRequiredService<DiscordNotifier>());
        }
    }

    public static void MapDiscordChannel(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        if (options.Enabled) { app.MapDiscord(); return; }
        app.Logger.LogInformation("Discord channel off: set Discord:ApplicationId and Discord:PublicKey to turn it on.");
    }
}
