using Bot.Channels.WebChat;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Options;

namespace Bot.Channels.Teams;

public static partial class TeamsExtensions
{
    internal const string Off = "Teams n'est pas activé sur ce serveur.";
    internal const string ThisMachineOnly = "Sans MicrosoftAppId, le point d'entrée Teams n'est ouvert qu'à cet ordinateur.";
    internal const string BadToken = "Jeton Bot Framework manquant ou mal formé.";
    internal const string RefusedServiceUrl = "Ce bot ne répond qu'aux services Bot Framework de Microsoft : cette adresse de service est refusée.";

    public static void AddTeams(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section)
            .Validate(o => o.AllowedServiceUrlHosts.All(TeamsOptions.IsHostPattern),
                "Teams:AllowedServiceUrlHosts holds host names only (smba.trafficmanager.net, *.botframework.com): no scheme, port or path.")
            .ValidateOnStart();
        // The deployment's secret lives in the web chat's section: set, the app is on the internet, where Teams needs its app id.
        builder.Services.AddSingleton(sp => TeamsAccess.From(sp.GetRequiredService<IConfiguration>()["MicrosoftAppId"],
            sp.GetRequiredService<IOptions<WebChatOptions>>().Value.HasSecret, sp.GetRequiredService<IOptions<TeamsOptions>>().Value));
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(
            new TeamsServiceUrlGuard(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<TeamsAccess>()),
            sp.GetRequiredService<ILogger<CloudAdapter>>()));
        builder.Services.AddSingleton<TeamsBot>();
        builder.Services.AddScoped<TeamsNotifier>();
        builder.Services.AddSingleton<Bot.Turns.IChannelCounsellors, TeamsCounsellors>();
        builder.Services.AddScoped<Bot.Store.IRetentionRule, TeamsRetention>();
        builder.Services.AddScoped<Bot.Dialogs.Notices.IChannelNotifier>(sp => sp.GetRequiredService<TeamsNotifier>());
        builder.Services.AddScoped<Bot.Dialogs.MyData.IChannelDataEraser>(sp => sp.GetRequiredService<TeamsNotifier>());
    }

    /// <summary>
    /// POST /api/messages. With a MicrosoftAppId, a request without a well-formed bearer token is refused with 401
    /// before Bot Builder sees it. Without one it is anonymous, for trying on this machine only, and off once
    /// WebChat:Secret is set (404, nothing read). Whatever the mode, an activity naming a service URL that is
    /// not the Bot Framework's is refused (403) before its turn, and nothing is posted there.
    /// </summary>
    public static void MapTeams(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TeamsAccess>().Mode == TeamsMode.Off)
            app.Logger.LogInformation("Teams channel off: WebChat:Secret is set but MicrosoftAppId is not, and without it Teams is for "
                + "this machine only. Set MicrosoftAppType, MicrosoftAppId, MicrosoftAppTenantId and MicrosoftAppPassword to turn it on.");
        app.MapPost("/api/messages", async (HttpContext http, TeamsAccess access, ILoggerFactory loggers) =>
        {
            switch (access.Mode)
            {
                case TeamsMode.Off:
                    return Results.Json(new { message = Off }, statusCode: StatusCodes.Status404NotFound);
                case TeamsMode.Local when !LocalRequests.IsFromThisMachine(http):
                    return Results.Json(new { message = ThisMachineOnly }, statusCode: StatusCodes.Status403Forbidden);
                case TeamsMode.BotFramework when !WellFormedBearer(http.Request.Headers.Authorization.ToString()):
                    return Results.Json(new { message = BadToken }, statusCode: StatusCodes.Status401Unauthorized);
            }
            // Bot Builder only once the caller looks like a Bot Framework caller.
            var adapter = http.RequestServices.GetRequiredService<IBotFrameworkHttpAdapter>();
            try
            {
                await adapter.ProcessAsync(http.Request, http.Response, http.RequestServices.GetRequiredService<TeamsBot>());
            }
            catch (RefusedServiceUrlException refused)
            {
                LogRefused(loggers.CreateLogger("Bot.Channels.Teams"), TeamsAccess.HostOf(refused.ServiceUrl));
                return Results.Json(new { message = RefusedServiceUrl }, statusCode: StatusCodes.Status403Forbidden);
            }
            return Results.Empty;
        });
    }

    // A JWT: "Bearer" then three base64url parts.
    private static bool WellFormedBearer(string header) =>
        header.StartsWith("Bearer ", StringComparison.Ordinal) && header[7..].Split('.') is { Length: 3 } parts
        && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams activity refused: its service URL's host {Host} is not in Teams:AllowedServiceUrlHosts")]
    private static partial void LogRefused(ILogger logger, string host);
}
