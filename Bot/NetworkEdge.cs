using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bot;

/// <summary>The reverse proxies whose forwarded headers are heard (with a secret set; never without one).</summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of the proxies in front of the bot, e.g. ["127.0.0.1"] for nginx on the same machine.</summary>
    public string[] KnownProxies { get; init; } = [];

    /// <summary>Networks of proxies, in CIDR notation, e.g. ["10.0.0.0/8"].</summary>
    public string[] KnownNetworks { get; init; } = [];
}

/// <summary>
/// Where the app meets the network, before anything else runs. Without a secret the app is this
/// machine's alone: every request from elsewhere, through a proxy or for another Host is refused, and
/// it listens on loopback only. With a secret, X-Forwarded-For and X-Forwarded-Proto are heard from
/// the configured proxies only (so rate limits and https see the real client).
/// </summary>
internal static class NetworkEdge
{
    private const string NotHere = "Ce chat n'est ouvert qu'à cet ordinateur (aucun secret configuré).";

    public static void AddNetworkEdge(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only those named: not even loopback by default.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address) ? address : throw Invalid("KnownProxies", proxy));
            foreach (var network in proxies.KnownNetworks)
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var range) ? range : throw Invalid("KnownNetworks", network));
        });
        if (HasSecret(builder.Configuration)) return;
        // Kestrel's own endpoints (from any source: file, environment, command line) would override the loopback URLs.
        var endpoints = builder.Configuration.GetSection("Kestrel:Endpoints");
        if (endpoints.GetChildren().Any())
            throw new InvalidOperationException(
                $"Without WebChat:Secret the bot is for this machine only and listens on localhost; Kestrel:Endpoints ({string.Join(", ",
                    endpoints.GetChildren().Select(e => e.Key))}) would make it listen elsewhere. Remove them, or set WebChat:Secret.");
    }

    public static void UseNetworkEdge(this WebApplication app)
    {
        if (HasSecret(app.Configuration))
        {
            var proxies = app.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
            if (proxies.KnownProxies.Length + proxies.KnownNetworks.Length > 0) app.UseForwardedHeaders();
            UseSecurityHeaders(app);
            // Over https only, and never for localhost (ASP.NET Core's defaults).
            app.UseHsts();
            return;
        }
        UseSecurityHeaders(app);
        app.Use(async (http, next) =>
        {
            if (LocalRequests.IsFromThisMachine(http))
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = "Forbidden", ["message"] = NotHere },
            }.ToJsonString());
        });
    }

    /// <summary>
    /// No framing but by the chat's own pages and the sites allowed to embed it, no script or style but
    /// the app's own files, no MIME sniffing, no Referer (a link in the chat reveals nothing of it).
    /// The dashboard (Hangfire's own pages and scripts) is only kept from being framed.
    /// </summary>
    private static void UseSecurityHeaders(WebApplication app)
    {
        var origins = app.Configuration.GetSection("WebChat:AllowedOrigins").Get<string[]>() ?? [];
        // Only scheme://host[:port] of each: nothing from configuration can add a directive.
        var sites = origins.Select(o =>
            Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.GetLeftPart(UriPartial.Authority) : null);
        var ancestors = string.Join(' ', ["'self'", .. sites.OfType<string>()]);
        var page = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + $"frame-ancestors {ancestors}; base-uri 'none'; form-action 'self'; object-src 'none'";
        const string dashboard = "frame-ancestors 'none'";
        app.Use((http, next) =>
        {
            // At the response's start: an error page (its headers cleared by the exception handler) gets them too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/hangfire") ? dashboard : page;
                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    private static bool HasSecret(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["WebChat:Secret"]);

    private static InvalidOperationException Invalid(string key, string text) => new($"ReverseProxy:{key}: \"{text}\" is not valid.");
}
