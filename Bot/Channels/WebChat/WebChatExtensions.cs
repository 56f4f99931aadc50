using Microsoft.AspNetCore.DataProtection;
namespace Bot.Channels.WebChat;

public static class WebChatExtensions
{
    internal const string CorsPolicy = "webchat";

    public static void AddWebChat(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<DirectLineAuth>();
        builder.Services.AddSingleton<WebChatIdentity>();
        // Keys in the store: identity cookies, tokens and sessions survive restarts and are read alike by every instance.
        builder.Services.AddDataProtection().SetApplicationName("peer-to-peer-bot").PersistKeysToDbContext<Bot.Store.StoreDbContext>();
        builder.Services.AddScoped<DirectLineConversations>();
        builder.Services.AddSingleton<DrawnCharts>();
        builder.Services.AddSingleton<Bot.Turns.IChannelCounsellors, WebChatCounsellors>();
        builder.AddCounsellorSignIn();
        builder.Services.AddScoped<CounsellorInvites>();
        builder.Services.AddScoped<Bot.Store.IRetentionRule, CounsellorInvitesRetention>();
        builder.Services.AddScoped<Bot.Turns.ISignedInCounsellors, WebChatSignedIn>();
        builder.Services.AddScoped<Bot.Store.IRetentionRule, DirectLineRetention>();
        builder.Services.AddScoped<Bot.Store.IRetentionRule, IdentityKeysRetention>();
        builder.Services.AddScoped<Bot.Dialogs.MyData.IChannelDataEraser, DirectLineDataEraser>();
        builder.Services.AddScoped<Bot.Dialogs.Notices.IChannelNotifier, WebChatNotifier>();
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            var origins = builder.Configuration.GetSection($"{WebChatOptions.Section}:{nameof(WebChatOptions.AllowedOrigins)}").Get<string[]>() ?? [];
            policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod();
        }));

        // Without a secret the chat is for this machine only: never listen beyond loopback.
        var secret = builder.Configuration[$"{WebChatOptions.Section}:{nameof(WebChatOptions.Secret)}"];
        if (string.IsNullOrEmpty(secret)) builder.WebHost.UseUrls(LoopbackUrls(builder.Configuration["urls"]));
    }

    public static void MapWebChat(this WebApplication app)
    {
        var files = HostingExtensions.PageFiles();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.UseCors();
        app.UseRateLimiter();
        // Handles the provider's callback (/signin-oidc); there is no default scheme to read on other requests.
        app.UseAuthentication();
        app.MapDirectLine();
        app.MapCounsellorSignIn();
    }

    /// <summary>The configured URLs with their host replaced by localhost (default http://localhost:5000).</summary>
    internal static string[] LoopbackUrls(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return ["http://localhost:5000"];
        return [.. configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(url => Uri.TryCreate(url.Replace("*", "localhost").Replace("+", "localhost"), UriKind.Absolute, out var uri)
                ? $"{uri.Scheme}://localhost:{uri.Port}"
                : "http://localhost:5000")
            .Distinct()];
    }
}
