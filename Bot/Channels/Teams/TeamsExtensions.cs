using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace Bot.Channels.Teams;

public static class TeamsExtensions
{
    public static void AddTeams(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section);
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp =>
            new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
        builder.Services.AddSingleton<TeamsBot>();
        builder.Services.AddScoped<TeamsNotifier>();
        builder.Services.AddSingleton<Bot.Turns.IChannelCounsellors, TeamsCounsellors>();
        builder.Services.AddScoped<Bot.Store.IRetentionRule, TeamsRetention>();
        builder.Services.AddScoped<Bot.Dialogs.Notices.IChannelNotifier>(sp => sp.GetRequiredService<TeamsNotifier>());
        builder.Services.AddScoped<Bot.Dialogs.MyData.IChannelDataEraser>(sp => sp.GetRequiredService<TeamsNotifier>());
    }

    /// <summary>
    /// POST /api/messages. With no MicrosoftAppId it is anonymous, for trying on this machine only;
    /// with one, a request without a well-formed bearer token is refused with 401 before Bot Builder sees it.
    /// </summary>
    public static void MapTeams(this WebApplication app) =>
        app.MapPost("/api/messages", async (HttpContext http, IConfiguration configuration) =>
        {
            var anonymous = string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
            if (anonymous)
            {
                if (!LocalRequests.IsFromThisMachine(http))
                    return Results.Json(new { message = "Sans MicrosoftAppId, le point d'entrée Teams n'est ouvert qu'à cet ordinateur." }, statusCode: 403);
            }
            else if (!WellFormedBearer(http.Request.Headers.Authorization.ToString()))
            {
                return Results.Json(new { message = "Jeton Bot Framework manquant ou mal formé." }, statusCode: 401);
            }
            // Bot Builder only once the caller looks like a Bot Framework caller.
            var adapter = http.RequestServices.GetRequiredService<IBotFrameworkHttpAdapter>();
            await adapter.ProcessAsync(http.Request, http.Response, http.RequestServices.GetRequiredService<TeamsBot>());
            return Results.Empty;
        });

    // A JWT: "Bearer" then three base64url parts.
    private static bool WellFormedBearer(string header) =>
        header.StartsWith("Bearer ", StringComparison.Ordinal) && header[7..].Split('.') is { Length: 3 } parts
        && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
}
