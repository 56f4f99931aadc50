using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Bot;

internal static class HostingExtensions
{
    /// <summary>
    /// appsettings.json lives at the repository root and is copied beside the binaries. When the app
    /// starts from another folder than the root, that copy is read, below every other source.
    /// </summary>
    public static void AddRepositoryConfiguration(this WebApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json"))) return;
        var beside = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(beside)) return;
        var source = new JsonConfigurationSource { Path = beside, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
    }

    /// <summary>
    /// An unexpected failure answers a short JSON error in French, in every environment: never a
    /// stack trace. The exception itself goes to the log.
    /// </summary>
    public static void UseFrenchErrors(this WebApplication app) =>
        app.UseExceptionHandler(error => error.Run(async http =>
        {
            var failure = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            // No connection to be had in time (the pool or the server full), or a database asking to retry: busy, not broken.
            var (status, code, message) = StoreBusy(failure)
                ? (StatusCodes.Status503ServiceUnavailable, "ServiceBusy", "Le bot est très demandé en ce moment. Réessaie dans quelques secondes.")
                : failure switch
            {
                // A request the server refused as it read it (a body over the limit…) is the client's error, not ours.
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                    (StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "C'est trop long pour le bot : envoie un message plus court."),
                BadHttpRequestException bad => (bad.StatusCode, "BadArgument", "Cette demande n'est pas valable."),
                _ => (StatusCodes.Status500InternalServerError, "ServiceError", "Le bot a eu un souci. Réessaie dans un instant."),
            };
            http.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "2";
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
        }));

    /// <summary>The store's answer says "try again": a connection not had in time, the server full, a deadlock (any provider).</summary>
    private static bool StoreBusy(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
            if (e is System.Data.Common.DbException { IsTransient: true }) return true;
        return false;
    }

    /// <summary>An error answered without a body (an unknown path, a wrong method…) gets a short French one in Direct Line's shape.</summary>
    public static void UseFrenchStatusPages(this WebApplication app) =>
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            var (code, message) = response.StatusCode switch
            {
                StatusCodes.Status404NotFound => ("NotFound", "Cette adresse n'existe pas."),
                StatusCodes.Status405MethodNotAllowed => ("MethodNotAllowed", "Cette adresse ne s'utilise pas ainsi."),
                StatusCodes.Status401Unauthorized => ("Unauthorized", "Il faut s'identifier."),
                _ => ("BadArgument", "Cette demande n'est pas valable."),
            };
            response.ContentType = "application/json";
            await response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString());
        });

    /// <summary>The chat page ships with the binaries, wherever the app was started from.</summary>
    public static IFileProvider PageFiles() => new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
}
